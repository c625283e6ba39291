import { FINDINGS_FILE_VERSION, type Finding } from '../model/finding.js';
import type { Coverage, ReconcileResult } from '../reconcile/types.js';
import { redact } from '../util/redact.js';

/** The machine-readable findings file (`--format json`, and the file written before any GitHub call). */
export interface FindingsFile {
  version: typeof FINDINGS_FILE_VERSION;
  kind: 'imagegate-findings';
  generatedAt: string;
  at: string;
  coverage: Coverage;
  findings: Finding[];
  suppressed: Array<{ fingerprint: string; rule: string; device: string; reason: string; until: string }>;
}

export function toFindingsFile(result: ReconcileResult, generatedAt: string): FindingsFile {
  return {
    version: FINDINGS_FILE_VERSION,
    kind: 'imagegate-findings',
    generatedAt,
    at: result.at,
    coverage: result.coverage,
    findings: result.findings,
    suppressed: result.suppressed.map((s) => ({ fingerprint: s.finding.fingerprint, rule: s.finding.rule, device: s.finding.device, reason: s.reason, until: s.until })),
  };
}

/** Secrets were redacted where text is rendered for people; the JSON keeps raw log lines, so redact it as a whole too. */
export function renderJson(file: FindingsFile): string {
  return redact(`${JSON.stringify(file, null, 2)}\n`);
}
