/** Runs the demo scenario's pieces for the end-to-end tests: real git, real SSH to the simulator, real logs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reconcileRepo, type ReconcileRun } from '../../src/cli/reconcile.js';
import { collect } from '../../src/collect/index.js';
import { DemoRepo } from '../../src/demo/history.js';
import { buildDemoRepo, DemoClock, TIMES } from '../../src/demo/scenario.js';
import type { Device } from '../../src/model/device.js';
import { GitRepo } from '../../src/git/index.js';
import { loadGitRef } from '../../src/repo/index.js';
import { SIM_PASSWORD, startFleet, type Fleet } from '../../src/sim/index.js';

export const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');

export interface Day {
  fleet: Fleet;
  clock: DemoClock;
  repoDir: string;
  /** Collects the fleet and reconciles at `at`. */
  reconcile(at?: string, files?: Array<keyof Fleet['logs']>): Promise<ReconcileRun>;
  close(): Promise<void>;
}

export interface DayOptions {
  mergeAt?: string;
  /** More history on main after the merge (e.g. a direct push). */
  after?: (repo: DemoRepo) => void;
  /** Changes the devices the simulator starts from (what the devices really run). */
  real?: (devices: Device[]) => Device[];
}

export async function startDay(opts: DayOptions = {}): Promise<Day> {
  const dir = mkdtempSync(join(tmpdir(), 'ig-e2e-'));
  const repoDir = join(dir, 'repo');
  const { base, repo } = buildDemoRepo(ROOT, repoDir, opts.mergeAt === undefined ? {} : { mergeAt: opts.mergeAt });
  opts.after?.(repo);
  const before = await loadGitRef(new GitRepo(repoDir), base);
  if (!before.model) throw new Error(`example fleet did not load: ${JSON.stringify(before.problems)}`);
  const clock = new DemoClock(TIMES.base);
  const real = opts.real ? opts.real(before.model.devices) : before.model.devices;
  const fleet = await startFleet(real, before.model.catalog, { logDir: join(dir, 'logs'), clock: clock.now });
  return {
    fleet,
    clock,
    repoDir,
    async reconcile(at = TIMES.collect, files: Array<keyof Fleet['logs']> = ['syslog', 'tacacs', 'tftp']) {
      clock.set(at);
      const head = await loadGitRef(new GitRepo(repoDir), 'HEAD');
      if (!head.model) throw new Error('head did not load');
      const states = await collect(head.model.devices, head.model.catalog, {
        sshConfig: fleet.sshConfig(),
        env: { IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD },
        clock: clock.now,
        timeoutSeconds: 5,
      });
      return reconcileRepo({
        repoDir,
        ref: 'HEAD',
        states,
        eventFiles: files.map((f) => fleet.logs[f]),
        at,
        generatedAt: at,
        year: 2026,
        warn: () => undefined,
      });
    },
    async close() {
      await fleet.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
