import { stat } from 'node:fs/promises';
import type { DeviceEvent } from '../model/event.js';
import { UsageError } from '../errors.js';
import { DeviceResolver } from './devices.js';
import { toEvent } from './normalize.js';
import { openLog } from './reader.js';
import { detectSource, sourceById, sources } from './sources/index.js';
import { createSummary, newFileSummary, skip, type EventsSummary } from './summary.js';
import { isTimeZone } from '../util/time-zone.js';
import type { EventSource, ReadEventsOptions } from './types.js';

export { classifyCommand, expandCommand, DEFAULT_RISKY, type Classification } from './classify.js';
export { DeviceResolver } from './devices.js';
export { sources, sourceById, detectSource } from './sources/index.js';
export { messageHandlers } from './messages/index.js';
export { createSummary, formatSummary, type EventsSummary, type FileSummary } from './summary.js';
export type { ReadEventsOptions, EventSource } from './types.js';

/** `ENOENT: no such file or directory` (the path is already in the summary). Errors may come from another realm. */
function message(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err) {
    const text = String(err.message);
    const code = 'code' in err && typeof err.code === 'string' ? err.code : null;
    return code ? `${code}: ${text.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}` : text;
  }
  return String(err);
}

/**
 * Streams the events of log files, one file after the other, in file order. A file that cannot be read is
 * recorded in the summary and the rest go on; a line that cannot be parsed is counted and skipped. Memory stays
 * constant in file size. The summary is filled into `opts.summary` (when given) and returned at the end.
 */
export async function* readEvents(files: string[], opts: ReadEventsOptions): AsyncGenerator<DeviceEvent, EventsSummary> {
  const tz = opts.tz ?? 'UTC';
  if (!isTimeZone(tz)) throw new UsageError(`unknown time zone "${tz}"`, { hint: 'use an IANA zone such as Europe/Berlin or UTC' });
  let forced: EventSource | undefined;
  if (opts.source !== undefined) {
    forced = sourceById(opts.source);
    if (!forced) throw new UsageError(`unknown source "${opts.source}"`, { hint: `one of: ${sources.map((s) => s.id).join(', ')}` });
  }
  const resolver = new DeviceResolver(opts.devices);
  const summary = opts.summary ?? createSummary();
  for (const path of files) {
    const fs = newFileSummary(path);
    summary.files.push(fs);
    let fileTime: number;
    try {
      const st = await stat(path);
      if (!st.isFile()) {
        fs.error = 'not a regular file';
        continue;
      }
      fileTime = st.mtimeMs;
    } catch (err: unknown) {
      fs.error = message(err);
      continue;
    }
    try {
      const { source, lines } = await openLog(path, fs, (first) => {
        if (forced) return forced;
        const d = detectSource(first);
        fs.detected = d.detected;
        return d.source;
      });
      fs.format = source.id;
      const ctx = { path, state: new Map<string, unknown>() };
      const norm = { resolver, detection: opts.detection, tz, year: opts.year ?? null, fileTime, path, format: source.id, defaultHost: opts.host ?? null };
      for await (const batch of lines) for (const { line, lineNo } of batch) {
        if (line.trim() === '') continue;
        let result;
        try {
          result = source.parse(line, ctx);
        } catch {
          // a parser bug on one odd line must not lose the rest of the file
          skip(fs, 'parser-error');
          continue;
        }
        if (result === null) continue;
        if ('skip' in result) {
          skip(fs, result.skip);
          continue;
        }
        const event = toEvent(result, line, lineNo, norm);
        if (event === null) {
          skip(fs, 'bad-time');
          continue;
        }
        fs.events++;
        if (event.device === null) fs.unknownHosts++;
        if (event.kind === 'other' && !opts.all) continue;
        if (event.kind !== 'other') fs.relevant++;
        yield event;
      }
    } catch (err: unknown) {
      fs.error = message(err);
    }
  }
  return summary;
}
