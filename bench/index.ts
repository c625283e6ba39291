import type { Benchmark } from './types.js';
import { ledgerBenchmark } from './ledger.js';

/** Every benchmark `npm run bench` runs, in order. One file per benchmark under bench/. */
export const benchmarks: Benchmark[] = [ledgerBenchmark];
