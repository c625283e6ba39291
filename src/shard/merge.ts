/**
 * Joins the outputs of sharded jobs into one. A matrix job that failed or ran twice must not go unnoticed:
 * every shard 1..n must be present exactly once, all with the same n, and no device may appear in two shards.
 */
import { InputError } from '../errors.js';
import type { StateFile } from '../model/state.js';
import { FINDINGS_FILE_VERSION, type Finding } from '../model/finding.js';
import type { FindingsFile } from '../report/json.js';
import { STATE_FILE_VERSION } from '../model/state.js';
import type { Shard } from './index.js';
import { formatShard } from './index.js';

/** A sharded output as read from disk: where it came from, its shard, and the device each item is about. */
export interface ShardPart<T> {
  path: string;
  shard: Shard | undefined;
  items: T[];
}

export interface MergeCheck {
  missing: number[];
  duplicated: number[];
  count: number;
}

/** Checks that the parts are exactly shards 1..n of one n; throws InputError naming the file otherwise. */
export function checkShards<T>(parts: Array<ShardPart<T>>, deviceOf: (item: T) => string): MergeCheck {
  if (parts.length === 0) throw new InputError('(no files)', undefined, 'nothing to merge', { hint: 'pass the shard files' });
  const first = parts[0]!;
  const count = first.shard?.count;
  const seenShard = new Map<number, string>();
  const duplicated: number[] = [];
  for (const part of parts) {
    if (part.shard === undefined || count === undefined) {
      throw new InputError(part.path, undefined, 'is not a shard output (no `shard` field)', {
        hint: 'produce shard files with --shard i/n, or use the file as it is',
      });
    }
    if (part.shard.count !== count) {
      throw new InputError(part.path, undefined, `is shard ${formatShard(part.shard)} but ${first.path} is of ${count}`, {
        hint: 'merge the outputs of one matrix run only',
      });
    }
    const other = seenShard.get(part.shard.index);
    if (other !== undefined) duplicated.push(part.shard.index);
    else seenShard.set(part.shard.index, part.path);
  }
  const missing: number[] = [];
  for (let i = 1; i <= (count ?? 0); i++) if (!seenShard.has(i)) missing.push(i);
  if (missing.length > 0 || duplicated.length > 0) {
    const what = [
      missing.length ? `missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}` : '',
      duplicated.length ? `shard(s) given twice: ${duplicated.map((i) => `${i}/${count}`).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new InputError(first.path, undefined, `cannot merge: ${what}`, {
      hint: 'a matrix job failed or was re-run: fix the run, never merge an incomplete set (devices would go unchecked)',
    });
  }
  const owner = new Map<string, string>();
  for (const part of parts) {
    for (const item of part.items) {
      const device = deviceOf(item);
      const prior = owner.get(device);
      if (prior !== undefined && prior !== part.path) {
        throw new InputError(part.path, undefined, `device ${device} is also in ${prior}`, {
          hint: 'shards overlap: were they made from different device lists or shard counts?',
        });
      }
      owner.set(device, part.path);
    }
  }
  return { missing, duplicated, count: count ?? 0 };
}

export function mergeStateFiles(files: Array<{ path: string; state: StateFile }>): StateFile {
  checkShards(
    files.map((f) => ({ path: f.path, shard: f.state.shard, items: f.state.devices })),
    (d) => d.device,
  );
  const devices = files.flatMap((f) => f.state.devices).sort((a, b) => a.device.localeCompare(b.device));
  const generatedAt = files.map((f) => f.state.generatedAt).sort().at(-1) ?? new Date().toISOString();
  return { version: STATE_FILE_VERSION, kind: 'imagegate-state', generatedAt, devices };
}

/** Joins the findings files of `reconcile --shard i/n` jobs: findings once each (by fingerprint), coverage added up. */
export function mergeFindingsFiles(files: Array<{ path: string; file: FindingsFile }>): FindingsFile {
  checkShards(
    files.map((f) => ({ path: f.path, shard: f.file.shard, items: deviceNames(f.file) })),
    (d) => d,
  );
  const ats = new Set(files.map((f) => f.file.at));
  if (ats.size > 1) {
    throw new InputError(files[0]!.path, undefined, `shards were reconciled at different times (${[...ats].join(', ')})`, {
      hint: 'give every job of the matrix the same --at',
    });
  }
  const findings = new Map<string, Finding>();
  const suppressed = new Map<string, FindingsFile['suppressed'][number]>();
  const eventFiles = new Map<string, FindingsFile['coverage']['eventFiles'][number]>();
  const coverage: FindingsFile['coverage'] = { devicesExpected: 0, verified: 0, unverified: [], eventFiles: [] };
  const windows: FindingsFile['windows'] = [];
  for (const { file } of files) {
    for (const f of file.findings) if (!findings.has(f.fingerprint)) findings.set(f.fingerprint, f);
    for (const s of file.suppressed) suppressed.set(s.fingerprint, s);
    coverage.devicesExpected += file.coverage.devicesExpected;
    coverage.verified += file.coverage.verified;
    coverage.unverified.push(...file.coverage.unverified);
    windows.push(...file.windows);
    // every shard reads every log file: the counts of lines are the same, the events are each shard's own
    for (const e of file.coverage.eventFiles) {
      const prior = eventFiles.get(e.path);
      eventFiles.set(e.path, prior ? { ...prior, events: prior.events + e.events } : { ...e });
    }
  }
  coverage.eventFiles = [...eventFiles.values()];
  coverage.unverified.sort((a, b) => a.device.localeCompare(b.device));
  const order = ['critical', 'high', 'medium', 'low', 'info'];
  return {
    version: FINDINGS_FILE_VERSION,
    kind: 'imagegate-findings',
    generatedAt: files.map((f) => f.file.generatedAt).sort().at(-1) ?? new Date().toISOString(),
    at: files[0]!.file.at,
    coverage,
    findings: [...findings.values()].sort(
      (a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || a.device.localeCompare(b.device) || a.rule.localeCompare(b.rule),
    ),
    suppressed: [...suppressed.values()],
    windows,
  };
}

/** The devices a findings file speaks for: those it verified or could not, so that overlapping shards are caught. */
function deviceNames(file: FindingsFile): string[] {
  const names = new Set<string>(file.coverage.unverified.map((u) => u.device));
  for (const w of file.windows) names.add(w.device);
  for (const f of file.findings) if (f.rule !== 'unknown-device') names.add(f.device);
  return [...names];
}

export function parseFindingsFile(path: string, text: string): FindingsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err: unknown) {
    throw new InputError(path, undefined, `is not JSON: ${err instanceof Error ? err.message : String(err)}`, {
      hint: 'pass a findings file written by `imagegate reconcile --format json`',
    });
  }
  const v = value as Partial<FindingsFile> | null;
  if (!v || typeof v !== 'object' || v.kind !== 'imagegate-findings' || !Array.isArray(v.findings) || !v.coverage) {
    throw new InputError(path, undefined, 'is not an imagegate findings file', {
      hint: 'pass a findings file written by `imagegate reconcile --format json`',
    });
  }
  if (v.version !== FINDINGS_FILE_VERSION) {
    throw new InputError(path, undefined, `findings file version ${String(v.version)} is not supported (expected ${FINDINGS_FILE_VERSION})`, {
      hint: 'reconcile again with this version of imagegate',
    });
  }
  return { suppressed: [], windows: [], ...v } as FindingsFile;
}
