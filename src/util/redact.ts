/**
 * Secrets never reach output, logs or reports. Values of environment variables that look like secrets are
 * collected once and replaced wherever text leaves the process; token shapes are masked too.
 */
const SECRET_NAME = /(PASS|PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL|PASSPHRASE)/i;
const TOKEN_SHAPES = [
  /\bgh[pousr]_[A-Za-z0-9]{20,255}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,255}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

let extra: string[] = [];

/** Registers a secret value (a password read from a file, say) so that it is redacted too. */
export function registerSecret(value: string): void {
  if (value.length >= 4) extra.push(value);
}

export function resetSecretsForTest(): void {
  extra = [];
}

function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 6 && SECRET_NAME.test(name)) values.push(value);
  }
  return values.concat(extra).sort((a, b) => b.length - a.length);
}

export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const value of secretValues(env)) out = out.split(value).join('[REDACTED]');
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, '[REDACTED]');
  return out;
}
