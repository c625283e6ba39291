import { ParseError } from '../../errors.js';
import { parseNxosDir } from './dir.js';
import { parseNxosShowBoot } from './show-boot.js';
import { parseNxosFileHash } from './show-file-hash.js';
import { parseNxosShowVersion } from './show-version.js';

test('show version without a version or image line is refused', () => {
  expect(() => parseNxosShowVersion('Cisco Nexus Operating System (NX-OS) Software\nTAC support: http://www.cisco.com/tac\n')).toThrow(ParseError);
});

test('show boot without the Current Boot Variables block is refused', () => {
  expect(() => parseNxosShowBoot('sup-1\nNXOS variable = bootflash:/nxos.bin\n')).toThrow('no "Current Boot Variables" block');
});

test('show boot with no variable set reports empty lists', () => {
  expect(parseNxosShowBoot('Current Boot Variables:\n\nNo module boot variable set\n\nBoot Variables on the next reload:\n\nNo module boot variable set\n')).toEqual({
    boot: [],
    nextBoot: [],
  });
});

test('dir output with no file line and no usage footer is refused', () => {
  expect(() => parseNxosDir('Input/output error\n')).toThrow(ParseError);
});

describe('show file ... <alg>sum', () => {
  const cmd = 'show file bootflash:a.bin sha256sum';
  test('anything but one digest line is refused', () => {
    expect(() => parseNxosFileHash('ab'.repeat(32) + '\n' + 'cd'.repeat(32) + '\n', 'a.bin', 'sha256', cmd)).toThrow(ParseError);
    expect(() => parseNxosFileHash('ab'.repeat(16) + '\n', 'a.bin', 'sha256', cmd)).toThrow('expected one sha256 digest line');
    expect(() => parseNxosFileHash('/bootflash/a.bin: No such file or directory\n', 'a.bin', 'sha256', cmd)).toThrow(ParseError);
    expect(() => parseNxosFileHash('No such file or directory\n', 'a.bin', 'sha256', cmd)).toThrow('the device reported an error');
  });
});

test('dir with supervisors names the file system as bootflash://sup-local', () => {
  const raw = '  702076448    Dec 01 10:00:00 2026  nxos64-cs.10.4.3.F.bin\n       4096    Dec 01 10:00:00 2026  scripts/\n\nUsage for bootflash://sup-local\n 702076448 bytes used\n';
  expect(parseNxosDir(raw)).toEqual({ filesystem: 'bootflash:', files: [{ name: 'nxos64-cs.10.4.3.F.bin', size: 702076448 }] });
});
