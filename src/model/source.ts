/**
 * Where a value came from: a repository-relative path and a 1-based line. Every value the loader reads
 * keeps one, so that every error, annotation and finding can point at the YAML line that caused it.
 */
export interface SourceRef {
  file: string;
  line: number;
}

/**
 * Line numbers of a loaded YAML document, keyed by JSON Pointer (RFC 6901) into the parsed value:
 * `''` is the document, `/image` a top-level key, `/boot/system/0` the first boot entry.
 */
export interface SourceMap {
  file: string;
  lines: Record<string, number>;
}

/** The line of `pointer`, else of its nearest ancestor that has one, else 1. */
export function lineOf(map: SourceMap, pointer: string): number {
  let p = pointer;
  for (;;) {
    const line = map.lines[p];
    if (line !== undefined) return line;
    if (p === '') return 1;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export function refOf(map: SourceMap, pointer: string): SourceRef {
  return { file: map.file, line: lineOf(map, pointer) };
}
