import { imageFile } from '../classify.js';
import type { EventSource, ParseResult, SourceContext } from '../types.js';

const DOWNLOAD = new Set(['RETR']);
const UPLOAD = new Set(['STOR', 'STOU', 'APPE']);

type Row = Record<string, unknown>;

function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v);
  return s === '-' || s === '(empty)' ? null : s;
}

function record(row: Row, path: string | null): ParseResult {
  const tsText = str(row.ts);
  const ts = tsText === null ? Number.NaN : /^\d/.test(tsText) && !tsText.includes('-') ? Number(tsText) * 1000 : Date.parse(tsText);
  const orig = str(row['id.orig_h']);
  const resp = str(row['id.resp_h']);
  if (orig === null) return { skip: 'unparsed-zeek' };
  const isTftp = path === 'tftp' || 'fname' in row || 'wrq' in row;
  let obs: { direction: 'upload' | 'download'; file: string | null; protocol: 'tftp' | 'ftp'; actor: string | null } | null = null;
  if (isTftp) {
    const wrq = str(row.wrq);
    obs = { direction: wrq === 'T' || wrq === 'true' ? 'upload' : 'download', file: imageFile(str(row.fname) ?? ''), protocol: 'tftp', actor: null };
  } else {
    const command = (str(row.command) ?? '').toUpperCase();
    if (!DOWNLOAD.has(command) && !UPLOAD.has(command)) return null;
    const user = str(row.user);
    obs = {
      direction: DOWNLOAD.has(command) ? 'download' : 'upload',
      file: imageFile(str(row.arg) ?? ''),
      protocol: 'ftp',
      actor: user === null || user === '<unknown>' ? null : user,
    };
  }
  if (!Number.isFinite(ts)) return { skip: 'bad-time' };
  return { host: orig, ...(resp === null ? {} : { peer: resp }), time: { type: 'epoch', ms: Math.round(ts) }, kind: 'transfer', ...obs };
}

/** Zeek `ftp.log` and the spicy-tftp analyzer's `tftp.log`, as TSV (with its `#fields` header) or JSON lines. */
export const zeek: EventSource = {
  id: 'zeek',
  description: 'Zeek ftp.log and spicy-tftp tftp.log (TSV with #fields header, or JSON lines)',
  detect(lines) {
    if (lines.some((l) => l.startsWith('#fields\t')) && lines.some((l) => /^#path\t(ftp|tftp)$/.test(l) || l.includes('\tfname') || l.includes('\tcommand'))) return 1;
    const first = lines[0] ?? '';
    return first.startsWith('{') && first.includes('"id.orig_h"') && (first.includes('"fname"') || first.includes('"command"')) ? 1 : 0;
  },
  keywords: null,
  parse(line, ctx: SourceContext) {
    if (line.startsWith('#')) {
      const [key, ...rest] = line.split('\t');
      if (key === '#fields') ctx.state.set('fields', rest);
      if (key === '#path') ctx.state.set('path', rest[0] ?? null);
      return null;
    }
    if (line.startsWith('{')) {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        return { skip: 'bad-json' };
      }
      if (typeof row !== 'object' || row === null) return { skip: 'bad-json' };
      return record(row as Row, null);
    }
    const fields = ctx.state.get('fields') as string[] | undefined;
    if (!fields) return { skip: 'zeek-without-fields-header' };
    const values = line.split('\t');
    const row: Row = {};
    fields.forEach((f, i) => (row[f] = values[i]));
    return record(row, (ctx.state.get('path') as string | null | undefined) ?? null);
  },
};
