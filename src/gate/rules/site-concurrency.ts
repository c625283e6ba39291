import { mergedWindows, prWindows, windowLine, type ScheduledWindow } from '../scheduled.js';
import { overlaps } from '../time.js';
import type { GateRule } from '../types.js';

/** The largest number of windows of `windows` open at one instant inside `w`. */
function peak(w: ScheduledWindow, windows: ScheduledWindow[]): { count: number; names: string[] } {
  const concurrent = windows.filter((o) => overlaps(w, o));
  let best = { count: 0, names: [] as string[] };
  // the maximum is reached at the start of some window
  for (const t of concurrent.map((o) => Math.max(o.start, w.start))) {
    const open = concurrent.filter((o) => o.start <= t && t < o.end);
    if (open.length > best.count) best = { count: open.length, names: open.map((o) => o.device.name) };
  }
  return best;
}

/** At most maxConcurrentPerSite devices of one site are in overlapping windows. */
export const siteConcurrency: GateRule = {
  id: 'site-concurrency',
  meta: {
    severity: 'error',
    description: 'At most maxConcurrentPerSite devices of one site have windows open at the same time (this PR and merged windows).',
    rationale: 'Limits the blast radius of a bad image and keeps hands free for a rollback.',
  },
  check(ctx) {
    const max = ctx.base.policies.change.maxConcurrentPerSite;
    const mine = prWindows(ctx);
    const bySite = new Map<string, ScheduledWindow[]>();
    for (const w of [...mine, ...mergedWindows(ctx)]) {
      const list = bySite.get(w.device.site) ?? [];
      list.push(w);
      bySite.set(w.device.site, list);
    }
    for (const w of mine) {
      const { count, names } = peak(w, bySite.get(w.device.site) ?? []);
      if (count <= max) continue;
      ctx.report({
        rule: siteConcurrency.id,
        severity: 'error',
        file: w.device.source.file,
        line: windowLine(w.device),
        device: w.device.name,
        message: `${w.device.name}: ${count} devices of site ${w.device.site} would be in a window at once (${names.sort().join(', ')}); at most ${max} are allowed`,
        hint: 'spread the devices over more windows',
      });
    }
  },
};
