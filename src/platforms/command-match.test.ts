import { ImagegateError } from '../errors.js';
import { matchCommand } from './command-match.js';
import { drivers } from './index.js';

const facts = (platform: keyof typeof drivers, typed: string) => matchCommand(drivers[platform], typed).map((m) => m.fact);

test('the abbreviations engineers type name the same facts as the full commands', () => {
  expect(facts('cisco_ios', 'sh ver')).toEqual(['version']);
  expect(facts('cisco_ios', 'SHOW VERSION')).toEqual(['version']);
  expect(facts('cisco_ios', 'sh boot')).toEqual(['boot']);
  expect(facts('cisco_xe', 'sh bootv')).toEqual(['boot']);
  expect(facts('arista_eos', 'sh boot')).toEqual(['boot']);
  expect(facts('juniper_junos', 'sh sys up')).toEqual(['uptime']);
  expect(facts('juniper_junos', 'file list /var/tmp/ det')).toEqual(['files']);
});

test('dir takes any file system, or none', () => {
  expect(facts('cisco_ios', 'dir')).toEqual(['files']);
  expect(facts('cisco_xe', 'dir bootflash:')).toEqual(['files']);
  expect(facts('cisco_nxos', 'dir bootflash:')).toEqual(['files']);
  expect(facts('arista_eos', 'dir flash:/')).toEqual(['files']);
});

test('a hash command yields the algorithm and the file name', () => {
  const [m] = matchCommand(drivers.cisco_nxos, 'show file bootflash:nxos64-cs.10.4.3.F.bin md5sum');
  expect(m).toMatchObject({ fact: 'hash', algorithm: 'md5', file: 'nxos64-cs.10.4.3.F.bin', command: 'show file bootflash:nxos64-cs.10.4.3.F.bin md5sum' });
  const [j] = matchCommand(drivers.juniper_junos, 'file checksum sha-256 /var/tmp/junos.tgz');
  expect(j).toMatchObject({ fact: 'hash', algorithm: 'sha256', file: 'junos.tgz' });
  const [e] = matchCommand(drivers.arista_eos, 'verify /sha512 flash:/EOS-4.32.2F.swi');
  expect(e).toMatchObject({ fact: 'hash', algorithm: 'sha512', file: 'EOS-4.32.2F.swi' });
});

test('a hash command with a hostile file name is refused', () => {
  expect(() => matchCommand(drivers.cisco_ios, 'verify /md5 flash:a$(reboot)')).toThrow(ImagegateError);
});

test('too short or unknown commands match nothing', () => {
  expect(facts('cisco_ios', '')).toEqual([]);
  expect(facts('cisco_ios', 'show running-config')).toEqual([]);
  expect(facts('juniper_junos', 'show boot')).toEqual([]);
  expect(facts('cisco_nxos', 'sh')).toEqual([]);
  expect(facts('juniper_junos', 'sh')).toEqual([]);
  expect(facts('arista_eos', 'show b')).toEqual(['boot']);
  expect(facts('cisco_ios', 'verify /sha512')).toEqual([]);
});
