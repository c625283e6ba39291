/**
 * Orders network OS versions as their vendors number them: `17.12.04` (IOS-XE), `10.4(3)F` (NX-OS),
 * `15.7(3)M8` (IOS), `4.32.2F` / `4.32.2.1F` (EOS), `23.4R2-S3.9` (Junos service release).
 * Versions are split into runs of digits and letters and compared run by run: numbers by value, letters
 * alphabetically; where one version has a number and the other a letter, the number (a finer maintenance
 * level, `4.32.2.1F` after `4.32.2F`) is higher; a version that extends the other (`23.4R2-S3` after
 * `23.4R2`, `17.09.04a` after `17.09.04`) is higher.
 */
type Token = number | string;

function tokens(version: string): Token[] {
  const out: Token[] = [];
  for (const m of version.toUpperCase().matchAll(/\d+|[A-Z]+/g)) out.push(/^\d/.test(m[0]) ? Number(m[0]) : m[0]);
  return out;
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else if (typeof x === 'number') {
      return 1;
    } else if (typeof y === 'number') {
      return -1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
