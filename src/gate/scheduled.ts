/** Windows the time rules judge: those this PR schedules, and those already merged on the base. */
import type { Device } from '../model/device.js';
import { lineOf } from '../model/source.js';
import { parseOffsetTimestamp } from '../validate/index.js';
import { schedulesWindow } from './change-set.js';
import type { GateContext } from './types.js';

export interface ScheduledWindow {
  device: Device;
  start: number;
  end: number;
  /** From this PR (`pr`) or already merged on the base (`merged`). */
  origin: 'pr' | 'merged';
}

export function windowOf(device: Device): { start: number; end: number } | undefined {
  const w = device.change?.window;
  if (!w) return undefined;
  const start = parseOffsetTimestamp(w.start);
  const end = parseOffsetTimestamp(w.end);
  return start === null || end === null ? undefined : { start, end };
}

/** Windows that this PR schedules or reschedules, with parseable times (bad times are validation's problem). */
export function prWindows(ctx: GateContext): ScheduledWindow[] {
  const out: ScheduledWindow[] = [];
  for (const c of ctx.changes.devices) {
    if (!c.after || !schedulesWindow(c)) continue;
    const w = windowOf(c.after);
    if (w) out.push({ device: c.after, ...w, origin: 'pr' });
  }
  return out;
}

/** Windows merged on the base that have not ended, for devices this PR does not touch. */
export function mergedWindows(ctx: GateContext): ScheduledWindow[] {
  const touched = new Set(ctx.changes.devices.map((c) => c.device));
  const now = ctx.now.getTime();
  const out: ScheduledWindow[] = [];
  for (const d of ctx.base.devices) {
    if (touched.has(d.name)) continue;
    const w = windowOf(d);
    if (w && w.end > now) out.push({ device: d, ...w, origin: 'merged' });
  }
  return out;
}

export function windowLine(device: Device, end: 'start' | 'end' = 'start'): number {
  return lineOf(device.source, `/change/window/${end}`);
}

export function describeWindow(w: ScheduledWindow): string {
  const c = w.device.change;
  return `${w.device.name} ${c?.window.start ?? ''} to ${c?.window.end ?? ''}${w.origin === 'merged' ? ' (merged)' : ''}`;
}

/** Whether the PR carries the policy's emergency label. */
export function emergencyRequested(ctx: GateContext): boolean {
  const label = ctx.base.policies.change.emergency?.label;
  return label !== undefined && (ctx.pr?.labels.includes(label) ?? false);
}

/**
 * Severity and wording for a rule the emergency policy may relax: with the label and the extra approvals
 * it becomes a warning that is still called out; with the label alone it stays an error and says why.
 */
export function relaxable(ctx: GateContext): { severity: 'error' | 'warning'; suffix: string } {
  if (ctx.emergencyGranted) return { severity: 'warning', suffix: ' (relaxed: emergency change with the extra approvals)' };
  if (emergencyRequested(ctx)) {
    return { severity: 'error', suffix: ' (the emergency label relaxes this only once the extra emergency approvals are in; they are not)' };
  }
  return { severity: 'error', suffix: '' };
}
