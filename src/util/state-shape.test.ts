import { stateFactsProblem } from './state-shape.js';

const ok = (facts: unknown) => ({ device: 'a', status: 'ok', facts });

test('what collect writes passes', () => {
  expect(
    stateFactsProblem(
      ok({
        version: { version: '17.12.04', image: 'flash:x.bin', uptimeSeconds: 5, members: [{ member: '1', version: '17.12.04' }] },
        boot: { boot: ['flash:x.bin'], configRegister: '0x2102', members: [{ member: '1', boot: ['flash:x.bin'] }] },
        files: { filesystem: 'flash:', files: [{ name: 'x.bin', size: 1 }] },
        hash: { file: 'x.bin', algorithm: 'sha512', digest: 'ab' },
      }),
    ),
  ).toBeNull();
  expect(stateFactsProblem({ device: 'a', status: 'unverified', reason: 'timeout', facts: {} })).toBeNull();
});

test.each([
  [{ version: 5 }, 'facts.version is not an object'],
  [{ version: { version: 5 } }, 'facts.version.version is not a string'],
  [{ version: { version: '1' }, boot: { boot: 'flash:x' } }, 'facts.boot.boot is not a list of strings'],
  [{ version: { version: '1' }, hash: 'x' }, 'facts.hash is not an object'],
  [{ version: { version: '1' }, hash: { file: 1, algorithm: 'sha512', digest: null } }, 'facts.hash.file is not a string'],
  [{ version: { version: '1' }, files: { files: 'x' } }, 'facts.files.files is not a list of {name, size}'],
  [{ version: { version: '1' }, boot: { boot: [], members: [{ member: '1', boot: [3] }] } }, 'facts.boot.members[].boot is not a list of strings'],
  [{}, 'status is ok but facts.version names neither a version nor an image (a collected device always does)'],
  [{ version: null }, 'facts.version is not an object'],
])('%j: %s', (facts, problem) => {
  expect(stateFactsProblem(ok(facts))).toBe(problem);
});
