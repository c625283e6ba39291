/** One figure a benchmark measured. */
export interface BenchRow {
  /** What was measured, e.g. `validate`. */
  name: string;
  /** Input size in words, e.g. `10,000 devices, 300 images`. */
  input: string;
  metric: string;
  value: number;
  unit: string;
  /** The target, e.g. `< 3 s`, and whether it was met. */
  target?: { text: string; met: boolean };
  /** The peer measured in the same run on the same input. */
  peer?: { name: string; value: number; unit: string };
}

export interface Benchmark {
  name: string;
  description: string;
  /** `scale` multiplies the input size (1 = the stated size); rows are printed by the runner. */
  run(opts: { scale: number; workDir: string; log: (line: string) => void }): Promise<BenchRow[]>;
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; seconds: number }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}
