import { ParseError } from '../../errors.js';
import { parseCiscoDir } from './dir.js';
import { parseIosShowBoot } from './show-boot.js';
import { parseIosShowVersion } from './show-version.js';
import { parseVerifyHash } from './verify-hash.js';

const SHA512 = 'ab'.repeat(64);

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err: unknown) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('show version', () => {
  test('output of another command is refused with the platform, the command and the first lines', () => {
    const err = parseError(() => parseIosShowVersion('BOOT path-list : flash:a.bin\nConfig file : flash:/config.text\n'));
    expect(err.message).toBe('cisco_ios: "show version": no "Cisco IOS Software, ... Version" line');
    expect(err.excerpt).toBe('BOOT path-list : flash:a.bin\nConfig file : flash:/config.text');
  });

  test('an uptime in an unknown shape is refused, not read as zero', () => {
    const raw = 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE4, RELEASE SOFTWARE (fc1)\nsw1 uptime is a long time\n';
    expect(() => parseIosShowVersion(raw)).toThrow('uptime in an unknown format');
  });

  test('a pending config-register change (password recovery, ROMMON) is reported with its next value', () => {
    const raw = 'Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M8, RELEASE SOFTWARE (fc2)\nConfiguration register is 0x2102 (will be 0x2142 at next reload)\n';
    expect(parseIosShowVersion(raw)).toEqual({ version: '15.7(3)M8', configRegister: '0x2102', nextConfigRegister: '0x2142' });
  });

  test('a stack member on another release shows in members', () => {
    const raw = [
      'Cisco IOS XE Software, Version 17.09.04a',
      'Switch Ports Model              SW Version        SW Image              Mode',
      '------ ----- -----              ----------        ----------            ----',
      '*    1 52    C9300-48P          17.9.4a           CAT9K_IOSXE           INSTALL',
      '     2 52    C9300-48P          17.6.5            CAT9K_IOSXE           INSTALL',
      '',
      'Switch 02',
      '---------',
    ].join('\n');
    expect(parseIosShowVersion(raw, 'cisco_xe').members).toEqual([
      { member: 'Switch 1', model: 'C9300-48P', version: '17.9.4a' },
      { member: 'Switch 2', model: 'C9300-48P', version: '17.6.5' },
    ]);
  });

  test('output cut short gives only the facts it contains', () => {
    const raw = 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE4, RELEASE SOFTWARE (fc1)\nTechnical Support: http://www.cisco.com/techsupport\n';
    expect(parseIosShowVersion(raw)).toEqual({ version: '15.0(2)SE4' });
  });

  test('IOS-XE 16+: the IOS XE line gives the version as the image file names it, not the IOS line', () => {
    const raw =
      'Cisco IOS XE Software, Version 17.09.04a\nCisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)\n';
    expect(parseIosShowVersion(raw, 'cisco_xe')).toEqual({ version: '17.09.04a' });
  });
});

describe('show boot / show bootvar', () => {
  test('"BOOT variable does not exist" is an empty list, not a missing fact', () => {
    expect(parseIosShowBoot('BOOT variable does not exist\nCONFIG_FILE variable does not exist\nConfiguration register is 0x2102\n')).toEqual({
      boot: [],
      configRegister: '0x2102',
    });
  });

  test('"Configuration Register" with a capital R (some IOS-XE releases) is read too', () => {
    expect(parseIosShowBoot('BOOT variable = bootflash:packages.conf;\nConfiguration Register is 0x102\n')).toEqual({
      boot: ['bootflash:packages.conf'],
      configRegister: '0x102',
    });
  });

  test('output without any BOOT line is refused', () => {
    expect(() => parseIosShowBoot('Config file : flash:/config.text\nEnable Break : no\n')).toThrow(ParseError);
  });

  test('a stack section without a current BOOT variable is refused rather than guessed', () => {
    const raw = 'Switch 1\n---\nBOOT path-list : flash:a.bin\nSwitch 2\n---\nEnable Break : no\n';
    expect(() => parseIosShowBoot(raw)).toThrow('no current BOOT variable for Switch 2');
  });

  test('the retry count after a router boot entry is not part of the path', () => {
    expect(parseIosShowBoot('BOOT variable = bootflash:a.bin,12;tftp://10.0.0.1/b.bin,1;\n').boot).toEqual(['bootflash:a.bin', 'tftp://10.0.0.1/b.bin']);
  });
});

describe('dir', () => {
  test('an error from the file system is refused, never an empty listing', () => {
    expect(() => parseCiscoDir('%Error opening flash:/ (No such device)\n')).toThrow('the device reported an error');
    expect(() => parseCiscoDir('something else entirely\n')).toThrow(ParseError);
  });

  test('a repeated header of the root directory does not prefix the names (found by the robustness test)', () => {
    const raw = 'Directory of extension:/\nDirectory of extension:/\n       -rw-        1589           Jul 18 04:15  ckp-0\n';
    expect(parseCiscoDir(raw, 'arista_eos')).toEqual({ filesystem: 'extension:', files: [{ name: 'ckp-0', size: 1589 }] });
  });

  test('directories are left out, files keep their size', () => {
    const raw = 'Directory of flash:/\n\n  2  drwx  4096  Jan 1 2024 00:00:00 +00:00  sub\n  3  -rw-  123  Jan 1 2024 00:00:00 +00:00  a.bin\n\n1000 bytes total (500 bytes free)\n';
    expect(parseCiscoDir(raw)).toEqual({ filesystem: 'flash:', files: [{ name: 'a.bin', size: 123 }] });
  });
});

describe('verify', () => {
  const line = (alg: string, path: string, digest: string) => `verify /${alg} (${path}) = ${digest}\n`;

  test('the digest of another file is refused', () => {
    expect(() => parseVerifyHash(line('sha512', 'flash:other.bin', SHA512), 'a.bin', 'sha512', 'cisco_ios', 'verify /sha512 flash:a.bin')).toThrow(
      'the digest is of "flash:other.bin", not of "a.bin"',
    );
  });

  test('a digest of another algorithm or of the wrong length is refused', () => {
    expect(() => parseVerifyHash(line('md5', 'flash:a.bin', 'ab'.repeat(16)), 'a.bin', 'sha512', 'cisco_ios', 'c')).toThrow('not sha512');
    expect(() => parseVerifyHash(line('sha512', 'flash:a.bin', 'ab'.repeat(63)), 'a.bin', 'sha512', 'cisco_ios', 'c')).toThrow('is not a sha512 digest');
  });

  test('progress dots without a result (connection dropped mid-way) are refused', () => {
    expect(() => parseVerifyHash('.................................\n', 'a.bin', 'sha512', 'cisco_ios', 'c')).toThrow(ParseError);
  });

  test('the digest is lower-cased and a flash:/ path is accepted', () => {
    expect(parseVerifyHash(line('sha512', 'flash:/a.bin', SHA512.toUpperCase()), 'a.bin', 'sha512', 'cisco_ios', 'c')).toEqual({
      file: 'a.bin',
      algorithm: 'sha512',
      digest: SHA512,
    });
  });
});
