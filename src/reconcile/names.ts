/**
 * File names as devices print them differ from how git stores them: `flash:x.bin`, `bootflash:///x.bin`,
 * `flash:/x.swi`, `tftp://10.0.0.1/dir/x.bin`, IOS `flash:x.bin,1` (boot order suffix). Compare bases only.
 */
export function imageFileName(path: string): string {
  let p = path.trim();
  p = p.replace(/,\s*\d+$/, '');
  p = p.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i, '');
  p = p.replace(/^[A-Za-z0-9_-]+:/, '');
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** A boot entry with its file system kept (`flash:` and `flash:/` mean the same), lower-cased file system. */
export function normalizeBootEntry(entry: string): string {
  const e = entry.trim().replace(/,\s*\d+$/, '');
  const m = /^([A-Za-z0-9_-]+):\/*(.*)$/.exec(e);
  if (!m) return e;
  return `${(m[1] ?? '').toLowerCase()}:${m[2] ?? ''}`;
}

export function sameBootList(a: string[], b: string[]): boolean {
  const x = a.map(normalizeBootEntry).filter((s) => s !== '');
  const y = b.map(normalizeBootEntry).filter((s) => s !== '');
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** `0x2102` equals `0x02102` and `0X2102`; a value that is not hex compares as text. */
export function sameConfigRegister(a: string, b: string): boolean {
  const pa = /^0x[0-9a-f]+$/i.test(a.trim()) ? Number.parseInt(a.trim(), 16) : a.trim().toLowerCase();
  const pb = /^0x[0-9a-f]+$/i.test(b.trim()) ? Number.parseInt(b.trim(), 16) : b.trim().toLowerCase();
  return pa === pb;
}

/** Version strings as platforms print them (`17.12.04` vs `17.12.4`, `10.4(3)F` vs `10.4.3.F`). */
export function sameVersion(a: string, b: string): boolean {
  const norm = (v: string): string =>
    v
      .toLowerCase()
      .replace(/[()[\]]/g, '.')
      .split(/[.\-_\s]+/)
      .filter((s) => s !== '')
      .map((s) => (/^\d+$/.test(s) ? String(Number(s)) : s))
      .join('.');
  return norm(a) === norm(b);
}
