import type { Benchmark } from './types.js';
import { checkBenchmark } from './check.js';
import { collectBenchmark } from './collect.js';
import { ledgerBenchmark } from './ledger.js';
import { validateBenchmark } from './validate.js';
import { eventsBenchmark } from './events.js';
import { reconcileBenchmark } from './reconcile.js';

/** Every benchmark `npm run bench` runs, in order. One file per benchmark under bench/. */
export const benchmarks: Benchmark[] = [checkBenchmark, ledgerBenchmark, eventsBenchmark, validateBenchmark, collectBenchmark, reconcileBenchmark];
