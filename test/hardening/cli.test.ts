/**
 * Whatever a user types, the CLI answers with exit 0, 1 or 2 and a message: never an internal error (exit 3,
 * a stack trace). Offline commands only, with hostile option values and hostile files.
 */
import { jest } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { buildDemoRepo, TIMES } from '../../src/demo/scenario.js';
import { runs, testTimeoutMs } from './fuzz.js';

jest.setTimeout(testTimeoutMs);
const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ig-cli-fuzz-'));
  buildDemoRepo(ROOT, join(dir, 'repo'));
  mkdirSync(join(dir, 'a-dir'));
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0, 1, 2, 255, 254, 10, 0, 13]));
  writeFileSync(join(dir, 'empty'), '');
  writeFileSync(join(dir, 'long-line.log'), `${'x'.repeat(200_000)}\n`);
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ version: 1, kind: 'imagegate-state', generatedAt: TIMES.collect, devices: [] }));
  writeFileSync(join(dir, 'not-json.json'), '{"version": 1, "kind": ');
  const fixtures = join(ROOT, 'src', 'events', '__fixtures__', 'written');
  copyFileSync(join(fixtures, 'ios-rsyslog.log'), join(dir, 'ios.log'));
  copyFileSync(join(fixtures, 'tac_plus-ng.acct'), join(dir, 'tacacs.acct'));
  writeFileSync(join(dir, 'findings.json'), JSON.stringify({ version: 1, kind: 'imagegate-findings', findings: 'nope' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostile = fc.constantFrom(
  '', '-', '--', '--upload-pack=touch /tmp/pwned', '-oProxyCommand=x', '../../../../etc/passwd', '/dev/null', 'HEAD~9999', 'HEAD^{tree}', 'main..HEAD',
  '$(reboot)', 'a\nb', '\u0000', 'x'.repeat(5000), 'Europe/Nowhere', '2026-13-45T99:99:99Z', '-1', '99999999999', 'NaN', 'missing-file',
  'binary.bin', 'empty', 'long-line.log', 'a-dir', 'state.json', 'not-json.json', 'findings.json', 'repo', 'ndjson', 'cisco_ios', 'show version',
  // valid but extreme: the far past and future, the widest zones, every source and platform
  '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00+14:00', '1970', '9999', 'Etc/GMT+12', 'Pacific/Kiritimati', 'HEAD~1', 'main', 'json', 'md', 'none', 'critical',
  'syslog', 'tacacs', 'zeek', 'xferlog', 'tftpd', 'juniper_junos', 'arista_eos', 'dir', 'show boot', 'ios.log', 'tacacs.acct',
);
const FILES = ['binary.bin', 'empty', 'long-line.log', 'a-dir', 'missing-file', 'state.json', 'not-json.json', 'findings.json', '/dev/null', 'ios.log', 'tacacs.acct'];

/** Each offline command with the options it takes; network options (--github, --collect) are left out. */
const COMMANDS: Array<{ argv: string[]; options: string[]; files: boolean }> = [
  { argv: ['validate', '--repo', 'repo'], options: ['--repo', '--ref', '--format'], files: false },
  { argv: ['check', '--repo', 'repo', '--base', 'HEAD~1', '--head', 'HEAD', '--at', TIMES.collect], options: ['--repo', '--base', '--head', '--at', '--format'], files: false },
  { argv: ['events', '--repo', 'repo'], options: ['--repo', '--source', '--year', '--tz'], files: true },
  { argv: ['reconcile', '--repo', 'repo', '--state', 'state.json', '--at', TIMES.collect], options: ['--repo', '--ref', '--state', '--events', '--at', '--format', '--fail-on', '--year', '--tz'], files: false },
  { argv: ['parse', '--platform', 'cisco_ios', '--command', 'show version'], options: ['--platform', '--command'], files: true },
  { argv: ['windows', 'open', '--repo', 'repo', '--before', 'HEAD~1', '--after', 'HEAD', '--at', TIMES.collect], options: ['--repo', '--before', '--after', '--at', '--format'], files: false },
  { argv: ['merge'], options: ['--format', '--repo', '--ref'], files: true },
];

test('hostile arguments and files: exit 0, 1 or 2 with a message, never an internal error', async () => {
  const argv = fc
    .tuple(fc.constantFrom(...COMMANDS), fc.array(fc.tuple(fc.nat(), hostile), { maxLength: 4 }), fc.array(fc.constantFrom(...FILES), { minLength: 1, maxLength: 2 }))
    .map(([c, opts, files]) => [...c.argv, ...opts.flatMap(([i, v]) => [c.options[i % c.options.length] ?? '--help', v]), ...(c.files ? files : [])]);
  await fc.assert(
    fc.asyncProperty(argv, async (args) => {
      const io = memoryIo({}, dir);
      // parse and events read standard input without a file; every generated call names files, so none waits
      const code = await runCli(args, io);
      expect({ args, code, internal: /internal error|\n\s+at /.test(io.err) }).toEqual({ args, code: expect.any(Number), internal: false });
      expect([0, 1, 2]).toContain(code);
    }),
    runs(150),
  );
});
