import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import ssh2 from 'ssh2';
import { fingerprintOf } from '../collect/fingerprint.js';

export { fingerprintOf };

export interface HostKey {
  /** OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`), unencrypted. */
  privateKey: string;
  /** `ssh-ed25519 AAAA...` as in known_hosts. */
  publicKey: string;
  /** As OpenSSH prints it: `SHA256:<base64 without padding>`. */
  fingerprint: string;
}

// PKCS#8 prefix of an Ed25519 private key; the 32-byte seed follows.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function sshString(value: Buffer | string): Buffer {
  const body = typeof value === 'string' ? Buffer.from(value) : value;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/**
 * A deterministic Ed25519 host key from a seed, so that the example fleet can pin fingerprints in git
 * and the simulator presents the same key on every run. Built by hand in OpenSSH's own format because
 * ssh2's generator yields a malformed key about once in 256 calls (ssh2 #1390, #1513).
 */
export function hostKeyFromSeed(seed: Buffer, comment: string): HostKey {
  const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const pub = Buffer.from(String(jwk.x), 'base64url');
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = seed.readUInt32BE(0);
  let priv = Buffer.concat([
    uint32(check),
    uint32(check),
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(pubBlob),
    sshString(priv),
  ]);
  const b64 = body.toString('base64').replace(/(.{70})/g, '$1\n').replace(/\n$/, '');
  const privateKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`;
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error || Array.isArray(parsed) || !parsed.getPublicSSH().equals(pubBlob)) {
    throw new Error(`host key for ${comment} did not round-trip through ssh2`);
  }
  return { privateKey, publicKey: `ssh-ed25519 ${pubBlob.toString('base64')}`, fingerprint: fingerprintOf(pubBlob) };
}

const cache = new Map<string, HostKey>();

/** The simulator's host key for a device: Ed25519 with seed sha256(name). */
export function hostKeyFor(name: string): HostKey {
  let key = cache.get(name);
  if (!key) {
    key = hostKeyFromSeed(createHash('sha256').update(name).digest(), name);
    cache.set(name, key);
  }
  return key;
}
