import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';

const { utils } = ssh2;
import { hostKeyFor, fingerprintOf } from './host-key.js';

describe('hostKeyFor', () => {
  it('is the same key for the same name and a different one for another name', () => {
    expect(hostKeyFor('core-01').fingerprint).toBe(hostKeyFor('core-01').fingerprint);
    expect(hostKeyFor('core-01').fingerprint).not.toBe(hostKeyFor('core-02').fingerprint);
    expect(hostKeyFor('core-01').fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('parses in ssh2 for 300 names (no malformed keys)', () => {
    for (let i = 0; i < 300; i++) {
      const key = hostKeyFor(`dev-${i}`);
      const parsed = utils.parseKey(key.privateKey);
      if (parsed instanceof Error || Array.isArray(parsed)) throw new Error(`dev-${i}: ${String(parsed)}`);
      expect(fingerprintOf(parsed.getPublicSSH())).toBe(key.fingerprint);
    }
  });

  it('gives the fingerprint ssh-keygen prints', () => {
    let keygen = true;
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    } catch (err: unknown) {
      keygen = (err as { code?: string }).code !== 'ENOENT';
    }
    if (!keygen) throw new Error('ssh-keygen is missing: install openssh-client (apt-get install -y openssh-client)');
    const dir = mkdtempSync(join(tmpdir(), 'ig-hk-'));
    try {
      const file = join(dir, 'key');
      writeFileSync(file, hostKeyFor('edge-01').privateKey, { mode: 0o600 });
      const out = execFileSync('ssh-keygen', ['-l', '-f', file]).toString();
      expect(out).toContain(hostKeyFor('edge-01').fingerprint);
      expect(execFileSync('ssh-keygen', ['-y', '-f', file]).toString().trim()).toBe(`${hostKeyFor('edge-01').publicKey} edge-01`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
