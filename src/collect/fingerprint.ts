import { createHash } from 'node:crypto';

/** `SHA256:<base64 no padding>` of an SSH public key blob, the way `ssh-keygen -l` prints it and device YAML pins it. */
export function fingerprintOf(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}
