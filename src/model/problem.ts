/** A problem found in the YAML (by schema or semantic rule) or by a gate rule, pointing at a file and line. */
export interface Problem {
  /** Rule id, e.g. `schema`, `yaml-syntax`, `image-in-catalog`, `window-in-maintenance`. */
  rule: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
  /** How to fix it. */
  hint?: string;
  /**
   * `input`: the file could not be read, parsed or did not match its schema (the CLI exits 2);
   * `rule`: a semantic rule failed on well-formed input (exits 1). Absent means `rule`.
   */
  kind?: 'input' | 'rule';
}

/** `path:line: rule-id: message`, the one text form of a problem. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.rule}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}
