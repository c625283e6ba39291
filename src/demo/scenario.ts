/**
 * The demo day, also the end-to-end tests' scenario: a repository with an approved upgrade (PR merged, a
 * window for one device), a simulated fleet on loopback, operators playing the day on a fixed clock.
 */
import { join } from 'node:path';
import type { Fleet } from '../sim/index.js';
import { hostKeyFor } from '../sim/index.js';
import { DemoRepo } from './history.js';

/** The device upgraded inside its window, as the example fleet schedules it. */
export const UPGRADED = 'nyc1-access-01';
/** The device tampered with. */
export const TAMPERED = 'fra1-access-02';
export const OLD_IMAGE = 'c9k-17.09.05';
export const OLD_FILE = 'cat9k_iosxe.17.09.05.SPA.bin';
export const NEW_FILE = 'cat9k_iosxe.17.12.04.SPA.bin';

export const TIMES = {
  /** The fleet as it was, committed. */
  base: '2026-12-01T09:00:00Z',
  /** The upgrade PR branch and its merge (more than the 48 h lead time before the window). */
  prCommit: '2026-12-08T10:00:00Z',
  merge: '2026-12-09T15:00:00Z',
  /** Window 2026-12-12 02:00-04:00 America/New_York = 07:00-09:00 UTC. */
  windowStart: '2026-12-12T07:00:00Z',
  windowEnd: '2026-12-12T09:00:00Z',
  /** The automation account starts the approved upgrade 10 minutes into the window. */
  upgrade: '2026-12-12T07:10:00Z',
  /** Someone copies an image over TFTP in the afternoon, outside any window. */
  tamper: '2026-12-12T14:20:00Z',
  /** Collection and reconciliation. */
  collect: '2026-12-12T16:00:00Z',
} as const;

/** The device file of the upgraded device before the PR: old image, old boot entry, no change block. */
export function beforeUpgrade(yaml: string): string {
  return yaml
    .replace(/^image: .*$/m, `image: ${OLD_IMAGE}`)
    .replace(/^boot:[\s\S]*?(?=^\S)/m, `boot:\n  system:\n    - "flash:${OLD_FILE}"\n  configRegister: "0x2102"\n`)
    .replace(/^change:[\s\S]*$/m, '');
}

/**
 * Builds the demo repository from the example fleet: the fleet with the upgraded device still on its old
 * image, then PR #42 (the upgrade with its window) merged. Returns the merge commit.
 */
export function buildDemoRepo(exampleRoot: string, dir: string, opts: { mergeAt?: string } = {}): { repo: DemoRepo; base: string; merge: string } {
  const repo = new DemoRepo(dir);
  for (const part of ['devices', 'policies', 'schemas']) repo.copyIn(join(exampleRoot, part), part);
  // the simulator stands in for the real devices: pin its host keys, as an operator pins a device's key
  for (const file of repo.list('devices')) {
    const name = /([^/]+)\.yaml$/.exec(file)?.[1];
    if (name) repo.write(file, repo.read(file).replace(/^(\s*hostKey:\s*).*$/m, `$1${hostKeyFor(name).fingerprint}`));
  }
  const path = `devices/nyc1/${UPGRADED}.yaml`;
  // IOS-XE on Catalyst keeps one BOOT entry per `boot system` (it replaces): the PR asks for exactly that
  const target = repo
    .read(path)
    .replace(/^boot:[\s\S]*?(?=^\S)/m, `boot:\n  system:\n    - "flash:${NEW_FILE}"\n  configRegister: "0x2102"\n`);
  repo.write(path, beforeUpgrade(target));
  const base = repo.commit(TIMES.base, 'Example fleet');
  repo.git(TIMES.prCommit, 'checkout', '-q', '-b', 'upgrade-nyc1-access-01');
  repo.write(path, target);
  repo.commit(TIMES.prCommit, `Upgrade ${UPGRADED} to 17.12.04 (CHG0041872)`);
  const merge = repo.mergePr(opts.mergeAt ?? TIMES.merge, 'upgrade-nyc1-access-01', 42, `Upgrade ${UPGRADED} to 17.12.04 (CHG0041872)`);
  return { repo, base, merge };
}

/** A settable clock for the simulator: the demo moves it as the day goes on. */
export class DemoClock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(minutes: number): void {
    this.t += minutes * 60_000;
  }
}

/** Plays the approved upgrade: SCP transfer, boot variable, reload, by the automation account. */
export function playApprovedUpgrade(fleet: Fleet, clock: DemoClock, startIso: string, device = UPGRADED, user = 'svc-imagegate'): void {
  clock.set(startIso);
  fleet.run(device, user, `copy scp://svc-imagegate@10.20.0.5/images/${NEW_FILE} flash:${NEW_FILE}`, '10.20.0.5');
  clock.advance(12);
  fleet.run(device, user, 'configure terminal', '10.20.0.5');
  fleet.run(device, user, 'no boot system', '10.20.0.5');
  fleet.run(device, user, `boot system flash:${NEW_FILE}`, '10.20.0.5');
  fleet.run(device, user, 'end', '10.20.0.5');
  clock.advance(1);
  fleet.run(device, user, 'write memory', '10.20.0.5');
  clock.advance(2);
  fleet.run(device, user, 'reload', '10.20.0.5');
  clock.advance(6);
}

/**
 * Plays the tamper: an image copied over TFTP outside any window, the boot variable pointed at it, the
 * config register changed, a reload, and a patched image whose hash no longer matches the catalog.
 */
export function playTamper(fleet: Fleet, clock: DemoClock, startIso: string, device = TAMPERED, user = 'admin'): void {
  clock.set(startIso);
  const from = '203.0.113.66';
  fleet.run(device, user, `copy tftp://${from}/${NEW_FILE} flash:${NEW_FILE}`, from);
  fleet.device(device).misbehave('tampered-image');
  clock.advance(4);
  fleet.run(device, user, 'configure terminal', from);
  fleet.run(device, user, `boot system flash:${NEW_FILE}`, from);
  fleet.run(device, user, 'config-register 0x2142', from);
  fleet.run(device, user, 'end', from);
  clock.advance(2);
  fleet.run(device, user, 'reload', from);
  clock.advance(5);
}
