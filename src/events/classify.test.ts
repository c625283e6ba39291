import type { DetectionPolicy } from '../model/policy.js';
import { classifyCommand, expandCommand } from './classify.js';

describe('expandCommand', () => {
  it('expands IOS abbreviations by unique prefix, position by position', () => {
    expect(expandCommand('conf t')).toEqual(['configure', 'terminal']);
    expect(expandCommand('boot sys flash:x.bin')).toEqual(['boot', 'system', 'flash:x.bin']);
    expect(expandCommand('rel')).toEqual(['reload']);
    expect(expandCommand('wr')).toEqual(['write']);
    expect(expandCommand('wr mem')).toEqual(['write', 'memory']);
    expect(expandCommand('cop tftp: flash:')).toEqual(['copy', 'tftp:', 'flash:']);
    expect(expandCommand('no boot sys')).toEqual(['no', 'boot', 'system']);
    expect(expandCommand('req sys soft add /var/tmp/a.tgz')).toEqual(['request', 'system', 'software', 'add', '/var/tmp/a.tgz']);
  });

  it('leaves ambiguous abbreviations as typed, as the device would refuse them', () => {
    expect(expandCommand('co tftp: flash:')[0]).toBe('co');
    expect(expandCommand('re')[0]).toBe('re');
    expect(expandCommand('d')[0]).toBe('d');
    expect(expandCommand('config-r 0x2102')[0]).toBe('config-register');
    expect(expandCommand('boot s flash:x')[1]).toBe('system');
  });
});

describe('classifyCommand', () => {
  it.each([
    ['copy tftp://10.0.0.5/images/c9k.bin flash:', { kind: 'transfer', protocol: 'tftp', direction: 'download', file: 'c9k.bin' }],
    ['copy tftp: flash:', { kind: 'transfer', protocol: 'tftp', direction: 'download' }],
    ['copy scp://u@h/EOS.swi flash:', { kind: 'transfer', protocol: 'scp', direction: 'download', file: 'EOS.swi' }],
    ['copy ftp://h/x.bin bootflash:', { kind: 'transfer', protocol: 'ftp', direction: 'download', file: 'x.bin' }],
    ['copy http://h/a/x.bin usbflash0:', { kind: 'transfer', protocol: 'http', direction: 'download', file: 'x.bin' }],
    ['copy https://h/x.bin disk0:', { kind: 'transfer', protocol: 'https', direction: 'download', file: 'x.bin' }],
    ['copy rcp://h/x.bin slot0:', { kind: 'transfer', direction: 'download', file: 'x.bin' }],
    ['copy /verify flash:x.bin tftp://10.0.0.5/x.bin', { kind: 'transfer', protocol: 'tftp', direction: 'upload', file: 'x.bin' }],
    ['copy tftp://h/cfg running-config', { kind: 'config-change' }],
    ['copy run start', { kind: 'config-change' }],
    ['copy start tftp://h/backup.cfg', { kind: 'transfer', protocol: 'tftp', direction: 'upload', file: 'startup-config' }],
    ['copy running-config startup-config', { kind: 'config-change' }],
    ['archive download-sw /overwrite /reload tftp://10.1.1.1/c3750-ipbasek9-tar.152-4.E10.tar', { kind: 'transfer', protocol: 'tftp', direction: 'download', file: 'c3750-ipbasek9-tar.152-4.E10.tar' }],
    ['install add file bootflash:cat9k.17.12.04.SPA.bin activate commit', { kind: 'install', file: 'cat9k.17.12.04.SPA.bin' }],
    ['install add file tftp://h/cat9k.bin', { kind: 'transfer', protocol: 'tftp', direction: 'download', file: 'cat9k.bin' }],
    ['install all nxos bootflash:nxos64-cs.10.4.3.F.bin', { kind: 'install', file: 'nxos64-cs.10.4.3.F.bin' }],
    ['request system software add /var/tmp/junos.tgz no-validate', { kind: 'install', file: 'junos.tgz' }],
    ['request system software add ftp://h/junos.tgz', { kind: 'transfer', protocol: 'ftp', direction: 'download', file: 'junos.tgz' }],
    ['file copy scp://u@h/junos.tgz /var/tmp/', { kind: 'transfer', protocol: 'scp', direction: 'download', file: 'junos.tgz' }],
    ['boot system flash:c2960.bin', { kind: 'boot-change', file: 'c2960.bin' }],
    ['boot system flash c2960.bin', { kind: 'boot-change', file: 'c2960.bin' }],
    ['boot system switch all flash:packages.conf', { kind: 'boot-change', file: 'packages.conf' }],
    ['no boot system', { kind: 'boot-change' }],
    ['boot nxos bootflash:/nxos.9.3.10.bin', { kind: 'boot-change', file: 'nxos.9.3.10.bin' }],
    ['boot kickstart bootflash:n7000-s2-kickstart.8.4.bin sup-1', { kind: 'boot-change', file: 'n7000-s2-kickstart.8.4.bin' }],
    ['boot system flash:/EOS-4.32.2F.swi', { kind: 'boot-change', file: 'EOS-4.32.2F.swi' }],
    ['config-register 0x2142', { kind: 'config-register', pattern: 'config-register' }],
    ['confreg 0x2142', { kind: 'config-register', pattern: 'rommon' }],
    ['reload', { kind: 'reload' }],
    ['reload in 10', { kind: 'reload' }],
    ['reload at 02:00 6 Dec', { kind: 'reload' }],
    ['reload cancel', { kind: 'other' }],
    ['request system reboot', { kind: 'reload' }],
    ['verify /md5 flash:c9k.bin', { kind: 'verify', file: 'c9k.bin' }],
    ['verify /sha512 flash:c9k.bin', { kind: 'verify', file: 'c9k.bin' }],
    ['show file bootflash:nxos.bin sha256sum', { kind: 'verify', file: 'nxos.bin' }],
    ['file checksum sha-256 /var/tmp/junos.tgz', { kind: 'verify', file: 'junos.tgz' }],
    ['debug crypto isakmp', { kind: 'risky-command', pattern: 'debug' }],
    ['gdb kernel', { kind: 'risky-command', pattern: 'gdb' }],
    ['test crash', { kind: 'risky-command', pattern: 'test' }],
    ['service internal', { kind: 'risky-command', pattern: 'service-internal' }],
    ['tclsh', { kind: 'risky-command', pattern: 'tclsh' }],
    ['copy system:/text tftp://10.0.0.5/text.bin', { kind: 'risky-command', pattern: 'copy-system-text' }],
    ['show memory 0x60000000 0x60001000 text', { kind: 'risky-command', pattern: 'show-memory-text' }],
    ['upgrade rom-monitor file flash:rommon.pkg', { kind: 'risky-command', pattern: 'boot-loader-upgrade' }],
    ['sh ver', { kind: 'other' }],
    ['conf t', { kind: 'other' }],
    ['wr', { kind: 'config-change' }],
    ['rel', { kind: 'reload' }],
    ['boot sys flash:x.bin', { kind: 'boot-change', file: 'x.bin' }],
  ])('%s', (command, expected) => {
    expect(classifyCommand(command)).toEqual(expected);
  });

  it('recognizes routine debug commands as not risky, and the policy can change both', () => {
    expect(classifyCommand('debug ip packet')).toEqual({ kind: 'other' });
    const policy: DetectionPolicy = {
      riskyCommands: [
        { id: 'debug', pattern: '^\\s*debug\\s+', severity: 'medium', description: 'any debug' },
        { id: 'crypto-key-zeroize', pattern: '^\\s*crypto\\s+key\\s+zeroize', severity: 'high', description: 'kills SSH' },
      ],
      allowedCommands: ['debug ip ospf adj'],
      correlationHorizonMinutes: 60,
      clockSkewSeconds: 120,
      suppressions: [],
      source: { file: 'policies/detection.yaml', lines: {} },
    };
    expect(classifyCommand('debug ip packet', policy)).toEqual({ kind: 'risky-command', pattern: 'debug' });
    expect(classifyCommand('deb ip ospf adj', policy)).toEqual({ kind: 'other' });
    expect(classifyCommand('crypto key zeroize rsa', policy)).toEqual({ kind: 'risky-command', pattern: 'crypto-key-zeroize' });
    // built-in patterns the policy does not override stay in force
    expect(classifyCommand('gdb kernel', policy)).toEqual({ kind: 'risky-command', pattern: 'gdb' });
  });
});
