import { homedir } from 'node:os';
import { InputError } from '../errors.js';
import { hostMatches, parseSshConfig, resolveSshHost } from './ssh-config.js';

const CONFIG = `# lab mapping
Host fra1-* !fra1-edge-02
  HostName 127.0.0.1
  Port 2201
  User netops

Host fra1-edge-0?
  HostName=jump-target.example.net
  Port 2202
  IdentityFile ~/.ssh/edge_ed25519

Host *
  User svc-imagegate
  Port 22
  IdentityFile "/etc/imagegate/id_ed25519"
  StrictHostKeyChecking yes
`;

describe('OpenSSH-style config', () => {
  const config = parseSshConfig(CONFIG, 'ssh_config');

  it('takes the first value obtained for each key, in file order, as ssh does', () => {
    expect(resolveSshHost(config, 'fra1-core-01')).toEqual({ hostName: '127.0.0.1', port: 2201, user: 'netops', identityFiles: ['/etc/imagegate/id_ed25519'] });
    expect(resolveSshHost(config, 'fra1-edge-01')).toEqual({
      hostName: '127.0.0.1',
      port: 2201,
      user: 'netops',
      identityFiles: [`${homedir()}/.ssh/edge_ed25519`, '/etc/imagegate/id_ed25519'],
    });
    // negated: the first block does not apply
    expect(resolveSshHost(config, 'fra1-edge-02')).toEqual({
      hostName: 'jump-target.example.net',
      port: 2202,
      user: 'svc-imagegate',
      identityFiles: [`${homedir()}/.ssh/edge_ed25519`, '/etc/imagegate/id_ed25519'],
    });
    expect(resolveSshHost(config, 'nyc1-core-01')).toEqual({ port: 22, user: 'svc-imagegate', identityFiles: ['/etc/imagegate/id_ed25519'] });
  });

  it('matches * and ? like ssh, case-insensitively, and nothing else as a pattern', () => {
    expect(hostMatches(['nyc1-?ore-0*'], 'NYC1-core-01')).toBe(true);
    expect(hostMatches(['nyc1-?ore'], 'nyc1-score')).toBe(false);
    expect(hostMatches(['a.b'], 'axb')).toBe(false);
    expect(hostMatches(['*', '!x'], 'x')).toBe(false);
  });

  it('names the file and line of what it cannot honour', () => {
    const bad = (text: string): InputError => {
      try {
        parseSshConfig(text, 'cfg');
      } catch (err: unknown) {
        if (err instanceof InputError) return err;
      }
      throw new Error('no InputError');
    };
    expect(bad('Host a\n  ProxyJump bastion\n').where).toBe('cfg:2');
    expect(bad('Host a\n  ProxyJump bastion\n').message).toContain('"ProxyJump" is not supported');
    expect(bad('Host a\n  Port ssh\n').where).toBe('cfg:2');
    expect(bad('Host a\n  Port 70000\n').where).toBe('cfg:2');
    expect(bad('Host a\n  User\n').where).toBe('cfg:2');
  });
});
