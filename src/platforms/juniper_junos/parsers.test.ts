import { ImagegateError, ParseError } from '../../errors.js';
import { parseJunosFileChecksum } from './file-checksum.js';
import { parseJunosFileList } from './file-list.js';
import { juniperJunos } from './index.js';
import { parseJunosShowSystemUptime } from './show-system-uptime.js';
import { parseJunosShowVersion } from './show-version.js';

test('Junos has no boot variable and no sha-512 file checksum', () => {
  expect(juniperJunos.facts.boot).toBe('unsupported');
  const hash = juniperJunos.facts.hash;
  if (hash === 'unsupported') throw new Error('Junos hashes files');
  expect(hash.algorithms).not.toContain('sha512');
  expect(() => hash.command('a.tgz', 'sha512')).toThrow(ImagegateError);
});

test('show version answered by a syntax error is refused', () => {
  expect(() => parseJunosShowVersion("                ^\nsyntax error, expecting <command>.\n")).toThrow('the device reported an error: syntax error');
});

test('a member section that is not show version output is refused', () => {
  const raw = 'node0:\n----------------------------------------\nHostname: fw\nModel: srx1500\nJunos: 21.4R3-S4.9\n\nnode1:\n----------------------------------------\nnode1 is not reachable\n';
  expect(() => parseJunosShowVersion(raw)).toThrow('in node1');
});

test('show system uptime under a day and in the BSD line form', () => {
  expect(parseJunosShowSystemUptime('System booted: 2026-12-04 08:00:00 UTC (03:15:20 ago)\n')).toEqual({ uptimeSeconds: 3 * 3600 + 15 * 60 + 20 });
  expect(parseJunosShowSystemUptime(' 8:48AM  up 2 days, 3:04, 1 user, load averages: 0.1, 0.1, 0.1\n')).toEqual({ uptimeSeconds: 2 * 86400 + 3 * 3600 + 240 });
  expect(() => parseJunosShowSystemUptime('Current time: 2026-12-04 08:00:00 UTC\n')).toThrow(ParseError);
});

test('file list of an empty directory is an empty listing; an error is refused', () => {
  expect(parseJunosFileList('/var/tmp/:\ntotal blocks: 0\ntotal files: 0\n')).toEqual({ filesystem: '/var/tmp/', files: [] });
  expect(() => parseJunosFileList('error: could not resolve directory: /var/tmpx/\n')).toThrow(ParseError);
  expect(() => parseJunosFileList('/var/tmp/nope: No such file or directory\n')).toThrow(ParseError);
});

test('file checksum of another file or algorithm is refused', () => {
  const cmd = 'file checksum sha-256 /var/tmp/a.tgz';
  const digest = 'ab'.repeat(32);
  expect(() => parseJunosFileChecksum(`SHA256 (/var/tmp/b.tgz) = ${digest}\n`, 'a.tgz', 'sha256', cmd)).toThrow('not of "a.tgz"');
  expect(() => parseJunosFileChecksum(`MD5 (/var/tmp/a.tgz) = ${'ab'.repeat(16)}\n`, 'a.tgz', 'sha256', cmd)).toThrow('not sha256');
  expect(parseJunosFileChecksum(`SHA256 (/var/tmp/a.tgz) = ${digest.toUpperCase()}\n`, 'a.tgz', 'sha256', cmd)).toEqual({ file: 'a.tgz', algorithm: 'sha256', digest });
});
