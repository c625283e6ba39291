import { FINDINGS_FILE_VERSION, type Finding } from '../model/finding.js';
import type { Coverage, ReconcileResult } from '../reconcile/types.js';
import { redact } from '../util/redact.js';
import type { WindowVerdictText } from './window-verdict.js';

/** The machine-readable findings file (`--format json`, and the file written before any GitHub call). */
export interface FindingsFile {
  version: typeof FINDINGS_FILE_VERSION;
  kind: 'imagegate-findings';
  generatedAt: string;
  at: string;
  coverage: Coverage;
  findings: Finding[];
  suppressed: Array<{ fingerprint: string; rule: string; device: string; reason: string; until: string }>;
  /** Change windows closed by `at`, with their verification result. */
  windows: Array<{ device: string; commit: string; ticket: string | null; pr: number | null; ok: boolean; verified: boolean; findings: number }>;
  /** Set when the file covers one shard of the fleet (`reconcile --shard i/n`); `imagegate merge` joins them. */
  shard?: { index: number; count: number };
}

export function toFindingsFile(result: ReconcileResult, generatedAt: string, windows: WindowVerdictText[] = []): FindingsFile {
  return {
    version: FINDINGS_FILE_VERSION,
    kind: 'imagegate-findings',
    generatedAt,
    at: result.at,
    coverage: result.coverage,
    findings: result.findings,
    suppressed: result.suppressed.map((s) => ({ fingerprint: s.finding.fingerprint, rule: s.finding.rule, device: s.finding.device, reason: s.reason, until: s.until })),
    windows: windows.map((w) => ({
      device: w.device,
      commit: w.commit,
      ticket: w.authorization.ticket,
      pr: w.authorization.pr,
      ok: w.ok,
      verified: w.verified,
      findings: w.findings,
    })),
  };
}

/** Secrets were redacted where text is rendered for people; the JSON keeps raw log lines, so redact it as a whole too. */
export function renderJson(file: FindingsFile): string {
  return redact(`${JSON.stringify(file, null, 2)}\n`);
}
