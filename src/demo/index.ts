/**
 * `imagegate demo`: a day in the life of a fleet, end to end on loopback. Builds the repository, starts
 * the simulated fleet, plays the approved upgrade and the tamper on a fixed clock, and collects. The CLI
 * then reconciles and prints; this module prints nothing.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collect } from '../collect/index.js';
import { GitRepo } from '../git/index.js';
import type { StateFile } from '../model/state.js';
import { loadGitRef } from '../repo/index.js';
import { SIM_PASSWORD, startFleet } from '../sim/index.js';
import { buildDemoRepo, DemoClock, playApprovedUpgrade, playTamper, TAMPERED, TIMES, UPGRADED } from './scenario.js';

export { TIMES, UPGRADED, TAMPERED } from './scenario.js';

export interface DemoDay {
  repoDir: string;
  states: StateFile;
  /** Log files, relative to `cwd` so that the report names them the same on every run. */
  eventFiles: string[];
  at: string;
}

export async function playDemoDay(opts: { exampleRoot: string; outDir: string; cwd: string; step?: (text: string) => void }): Promise<DemoDay> {
  const step = opts.step ?? (() => undefined);
  const repoDir = join(opts.outDir, 'repo');
  const logDir = join(opts.outDir, 'logs');
  // a fresh repository and fresh logs every run: the demo is deterministic
  rmSync(repoDir, { recursive: true, force: true });
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(opts.outDir, { recursive: true });

  const { base, merge } = buildDemoRepo(opts.exampleRoot, repoDir);
  step(`git: ${relative(opts.cwd, repoDir) || '.'}: example fleet at ${base.slice(0, 7)}, PR #42 (upgrade ${UPGRADED}, window ${TIMES.windowStart} .. ${TIMES.windowEnd}) merged as ${merge.slice(0, 7)}`);
  const git = new GitRepo(repoDir);
  const before = await loadGitRef(git, base);
  const head = await loadGitRef(git, 'HEAD');
  if (!before.model || !head.model) throw new Error('the example fleet did not load; run `imagegate validate --repo .`');

  const clock = new DemoClock(TIMES.base);
  const fleet = await startFleet(before.model.devices, before.model.catalog, { logDir, clock: clock.now });
  try {
    step(`sim: ${before.model.devices.length} devices listening on 127.0.0.1`);
    playApprovedUpgrade(fleet, clock, TIMES.upgrade);
    step(`${TIMES.upgrade}: svc-imagegate upgrades ${UPGRADED} inside its window (scp, boot system, reload)`);
    playTamper(fleet, clock, TIMES.tamper);
    step(`${TIMES.tamper}: "admin" copies an image to ${TAMPERED} over TFTP, changes boot and config register, reloads (patched image)`);
    clock.set(TIMES.collect);
    const states = await collect(head.model.devices, head.model.catalog, {
      sshConfig: fleet.sshConfig(),
      env: { IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD },
      clock: clock.now,
      timeoutSeconds: 10,
    });
    step(`${TIMES.collect}: collected ${states.devices.filter((d) => d.status === 'ok').length}/${states.devices.length} devices over SSH`);
    return {
      repoDir,
      states,
      eventFiles: Object.values(fleet.logs).map((p) => relative(opts.cwd, p)),
      at: TIMES.collect,
    };
  } finally {
    await fleet.close();
  }
}
