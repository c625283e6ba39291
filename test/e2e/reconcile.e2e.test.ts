/**
 * End to end on the simulator: real git history, real SSH collection, real log files written by the
 * simulated devices and their TACACS+/TFTP servers, parsed by src/events, judged against the ledger.
 */
import { playApprovedUpgrade, playTamper, TAMPERED, TIMES, UPGRADED } from '../../src/demo/scenario.js';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { SIM_PASSWORD } from '../../src/sim/index.js';
import type { Finding } from '../../src/model/finding.js';
import { startDay, type Day } from './harness.js';

const rulesOn = (fs: Finding[], device: string): string[] => [...new Set(fs.filter((f) => f.device === device).map((f) => f.rule))].sort();

describe('reconcile end to end on the simulated fleet', () => {
  let day: Day | undefined;
  afterEach(async () => {
    await day?.close();
    day = undefined;
  });

  it('an approved upgrade by the automation account inside its window yields no finding', async () => {
    day = await startDay();
    playApprovedUpgrade(day.fleet, day.clock, TIMES.upgrade);
    const r = await day.reconcile();
    expect(r.result.findings).toEqual([]);
    expect(r.result.coverage).toMatchObject({ devicesExpected: 15, verified: 15, unverified: [] });
    expect(r.result.coverage.eventFiles.map((f) => f.events).reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    expect(r.markdown).toContain('**No findings.**');
  });

  it('the same events one hour after the window yield unauthorized-* (outside window) and a tamper sequence', async () => {
    day = await startDay();
    playApprovedUpgrade(day.fleet, day.clock, '2026-12-12T10:00:00Z');
    const r = await day.reconcile();
    const mine = r.result.findings.filter((f) => f.device === UPGRADED);
    expect(rulesOn(mine, UPGRADED)).toEqual(['tamper-sequence', 'unauthorized-boot-change', 'unauthorized-reload', 'unauthorized-transfer']);
    for (const f of mine.filter((x) => x.rule.startsWith('unauthorized-'))) {
      expect(f.reasons.some((x) => x.startsWith('outside window:'))).toBe(true);
      expect(f.authorization?.pr).toBe(42);
      expect(f.evidence.every((e) => e.kind === 'log' && e.line > 0)).toBe(true);
    }
    expect(mine.find((f) => f.rule === 'tamper-sequence')?.severity).toBe('critical');
  });

  it('events before the merge yield findings even inside the window', async () => {
    // merged at 07:30 UTC, half an hour into its own window; the work started at 07:10
    day = await startDay({ mergeAt: '2026-12-12T07:30:00Z' });
    playApprovedUpgrade(day.fleet, day.clock, TIMES.upgrade);
    const r = await day.reconcile();
    const transfer = r.result.findings.find((f) => f.device === UPGRADED && f.rule === 'unauthorized-transfer');
    expect(transfer?.reasons).toEqual([expect.stringMatching(/^before merge: the change was merged at 2026-12-12T07:30:00/)]);
  });

  it('the tamper: TFTP outside any window, boot variable, config register, reload, patched image', async () => {
    day = await startDay();
    playApprovedUpgrade(day.fleet, day.clock, TIMES.upgrade);
    playTamper(day.fleet, day.clock, TIMES.tamper);
    const r = await day.reconcile();
    expect(rulesOn(r.result.findings, TAMPERED)).toEqual([
      'boot-drift',
      'config-register-drift',
      'hash-mismatch',
      'risky-command',
      'tamper-sequence',
      'unauthorized-boot-change',
      'unauthorized-reload',
      'unauthorized-transfer',
    ]);
    expect(r.result.findings.filter((f) => f.device !== TAMPERED)).toEqual([]);
    const seq = r.result.findings.find((f) => f.rule === 'tamper-sequence');
    // TACACS+ record, TFTP server request, device syslog: every source of each step is evidence
    expect(new Set(seq?.evidence.map((e) => (e.kind === 'log' ? e.path.split('/').pop() : '')))).toEqual(new Set(['tacacs.acct', 'tftpd.log', 'syslog.log']));
    expect(r.result.findings[0]?.severity).toBe('critical');
  });

  it('an unsynchronized device clock does not hide a tamper sequence', async () => {
    day = await startDay();
    day.fleet.device(TAMPERED).clockSynced = false;
    playTamper(day.fleet, day.clock, TIMES.tamper);
    // only the device's own syslog (its lines marked `*`: clock not synchronized) and the TFTP server's log
    const r = await day.reconcile(TIMES.collect, ['syslog', 'tftp']);
    const seq = r.result.findings.filter((f) => f.device === TAMPERED && f.rule === 'tamper-sequence');
    expect(seq.map((f) => [f.severity, f.clock])).toEqual([['critical', 'unsynced']]);
    expect(rulesOn(r.result.findings, TAMPERED)).toContain('clock-untrusted');
  });
});

describe('state and git rules end to end', () => {
  let day: Day | undefined;
  afterEach(async () => {
    await day?.close();
    day = undefined;
  });

  it('window-overrun when the approved upgrade never happened; unverified (high) on a host-key mismatch', async () => {
    day = await startDay();
    day.fleet.device('nyc1-core-01').misbehave('wrong-host-key');
    const r = await day.reconcile();
    expect(r.result.findings.map((f) => [f.rule, f.device, f.severity])).toEqual(
      expect.arrayContaining([
        ['window-overrun', UPGRADED, 'high'],
        ['unverified', 'nyc1-core-01', 'high'],
      ]),
    );
    // the new image never reached flash, so its hash cannot be read: unverified too, and the drift is still reported
    expect(r.result.coverage.unverified).toEqual([
      expect.objectContaining({ device: UPGRADED, reason: 'command-failed' }),
      expect.objectContaining({ device: 'nyc1-core-01', reason: 'host-key-mismatch' }),
    ]);
  });

  it('revoked-image and image-drift when a device really runs a revoked image', async () => {
    day = await startDay({
      real: (devices) =>
        devices.map((d) =>
          d.name === 'fra1-access-01' ? { ...d, image: 'c9k-17.03.01', boot: { system: ['flash:cat9k_iosxe.17.03.01.SPA.bin'], configRegister: '0x102' } } : d,
        ),
    });
    const r = await day.reconcile();
    expect(rulesOn(r.result.findings, 'fra1-access-01')).toEqual(['boot-drift', 'image-drift', 'revoked-image', 'unverified']);
    expect(r.result.findings.find((f) => f.rule === 'revoked-image')?.severity).toBe('critical');
  });

  it('unreviewed-change for a change pushed to main without a pull request', async () => {
    day = await startDay({
      after: (repo) => {
        const path = 'devices/fra1/fra1-access-01.yaml';
        repo.write(path, repo.read(path).replace(/configRegister: "0x102"/, 'configRegister: "0x2102"'));
        repo.commit('2026-12-10T09:00:00Z', 'fra1-access-01: config register');
      },
    });
    const r = await day.reconcile();
    expect(rulesOn(r.result.findings, 'fra1-access-01')).toEqual(['config-register-drift', 'unreviewed-change']);
  });

  it('unknown-device for a host in no device file', async () => {
    day = await startDay();
    playApprovedUpgrade(day.fleet, day.clock, TIMES.upgrade);
    appendFileSync(
      day.fleet.logs.syslog,
      'Dec 12 13:00:00 10.99.0.7 12: Dec 12 13:00:00.000 UTC: %SYS-5-RELOAD: Reload requested by admin on vty0 (203.0.113.66). Reload Reason: Reload Command.\n',
    );
    const r = await day.reconcile();
    expect(r.result.findings.map((f) => [f.rule, f.device, f.severity])).toEqual([['unknown-device', '10.99.0.7', 'medium']]);
  });
});

describe('the CLI against the simulator', () => {
  let day: Day | undefined;
  afterEach(async () => {
    await day?.close();
    day = undefined;
  });

  it('reconcile --collect reads the fleet over SSH itself; risky commands are reported', async () => {
    day = await startDay();
    playApprovedUpgrade(day.fleet, day.clock, TIMES.upgrade);
    day.clock.set('2026-12-12T12:00:00Z');
    day.fleet.run('fra1-core-01', 'akoch', 'debug ip bgp updates', '10.20.0.9');
    const dir = mkdtempSync(join(tmpdir(), 'ig-e2e-cli-'));
    try {
      writeFileSync(join(dir, 'ssh_config'), day.fleet.sshConfig());
      const io = memoryIo({ IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD }, dir);
      const logs = Object.values(day.fleet.logs);
      const code = await runCli(
        ['reconcile', '--repo', day.repoDir, '--collect', '--ssh-config', 'ssh_config', '--events', ...logs, '--at', TIMES.collect, '--year', '2026', '--format', 'json', '--fail-on', 'critical'],
        io,
      );
      const out = JSON.parse(io.out) as { coverage: { verified: number }; findings: Array<{ rule: string; device: string }> };
      expect(out.coverage.verified).toBe(15);
      expect(out.findings.map((f) => [f.rule, f.device])).toEqual([['risky-command', 'fra1-core-01']]);
      expect(code).toBe(0);
      expect(io.err).not.toContain(SIM_PASSWORD);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
