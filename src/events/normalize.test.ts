import { maskSecrets } from './normalize.js';

describe('maskSecrets', () => {
  it.each([
    ['username backdoor privilege 15 secret 5 $1$abcd$0123', 'username backdoor privilege 15 secret 5 <redacted>'],
    ['enable password cisco123', 'enable password <redacted>'],
    ['tacacs-server key 7 0822455D0A16', 'tacacs-server key 7 <redacted>'],
    ['ntp authentication-key 1 md5 S3cret', 'ntp authentication-key 1 md5 <redacted>'],
    ['snmp-server community public RO', 'snmp-server community <redacted> RO'],
    ['set system root-authentication encrypted-password "$6$xyz"', 'set system root-authentication encrypted-password <redacted>'],
  ])('%s', (input, masked) => {
    expect(maskSecrets(input)).toBe(masked);
  });

  it('leaves commands without secrets as they are', () => {
    for (const c of ['verify /md5 flash:c9k.bin', 'file checksum md5 /var/tmp/junos.tgz', 'copy scp://alice@10.9.9.9/x.bin flash:', 'boot system flash:x.bin']) {
      expect(maskSecrets(c)).toBe(c);
    }
  });
});
