import type { Authorization } from '../model/authorization.js';
import type { Finding } from '../model/finding.js';
import type { ReconcileResult } from '../reconcile/types.js';
import { mdInline } from './escape.js';

export interface WindowVerdictText {
  commit: string;
  device: string;
  ok: boolean;
  comment: string;
  /** The authorization judged, for the report's table. */
  authorization: Authorization;
  /** Findings on the device (count), 0 when ok. */
  findings: number;
  verified: boolean;
}

/**
 * The verification result of every change window that has closed by `result.at`: "completed as approved"
 * only when the device was verified and nothing was found on it; otherwise what went wrong.
 */
export function windowVerdicts(result: ReconcileResult, authorizations: Authorization[]): WindowVerdictText[] {
  const at = Date.parse(result.at);
  const unverified = new Set(result.coverage.unverified.map((u) => u.device.toLowerCase()));
  const out: WindowVerdictText[] = [];
  for (const a of authorizations) {
    if (a.status !== 'active' || !a.window || Date.parse(a.window.end) >= at) continue;
    const mine: Finding[] = result.findings.filter((f) => f.device.toLowerCase() === a.device.toLowerCase());
    const verified = !unverified.has(a.device.toLowerCase());
    const ok = verified && mine.length === 0;
    const head = `**imagegate verification** of ${mdInline(a.device)} after the window ${mdInline(a.window.start)} .. ${mdInline(a.window.end)} (reconciled at ${result.at}):`;
    const lines = ok
      ? [head, '', `Completed as approved: the device is on the approved state and no finding concerns it.`]
      : [
          head,
          '',
          verified ? 'Not completed as approved:' : 'Not verified: the device could not be read, so the change cannot be confirmed.',
          ...mine.map((f) => `- ${f.severity} \`${f.rule}\`: ${mdInline(f.summary)}`),
        ];
    out.push({ commit: a.commit, device: a.device, ok, comment: lines.join('\n'), authorization: a, findings: mine.length, verified });
  }
  return out;
}
