import { parseSyslogFrame } from './syslog-frame.js';

describe('parseSyslogFrame', () => {
  it('reads RFC 5424 with structured data and a BOM', () => {
    const f = parseSyslogFrame('<165>1 2026-12-03T22:14:15.003+01:00 core-01 mgd 4242 ID47 [exampleSDID@32473 iut="3" eventID="1011"] \uFEFFUI_COMMIT: User \'x\' requested \'commit\' operation');
    expect(f).toMatchObject({ host: 'core-01', program: 'mgd', mnemonic: 'UI_COMMIT', time: { type: 'epoch', ms: Date.parse('2026-12-03T21:14:15.003Z') } });
  });

  it('reads the rsyslog high-precision file format (ISO stamp, no PRI)', () => {
    const f = parseSyslogFrame('2026-12-03T22:14:15.123456+00:00 core-01 4711: Dec  3 22:14:15.123: %SYS-5-RELOAD: Reload requested by alice');
    expect(f).toMatchObject({ host: 'core-01', mnemonic: 'SYS-5-RELOAD', unsynced: false });
    expect(f?.time).toMatchObject({ type: 'wall', month: 12, day: 3, hour: 22, ms: 123, writer: 'device' });
  });

  it('reads Cisco stamps with a year, a zone, and the `.` mark', () => {
    const f = parseSyslogFrame('<189>12: core-01: .Dec  3 2026 22:14:15.123 UTC: %SYS-5-CONFIG_I: Configured from console by bob on vty0');
    expect(f).toMatchObject({ host: 'core-01', unsynced: true, time: { type: 'wall', year: 2026, zone: 'UTC' } });
  });

  it('reads an NX-OS year-first stamp and a receiver header around an uptime stamp', () => {
    expect(parseSyslogFrame('<190>2026 Dec  3 22:00:00 nx-01 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured')).toMatchObject({
      host: 'nx-01',
      time: { type: 'wall', year: 2026, month: 12, writer: 'device' },
    });
    expect(parseSyslogFrame('Dec  3 22:20:00 10.0.0.1 1: 2y10w: %SYS-5-RESTART: System restarted --')).toMatchObject({
      host: '10.0.0.1',
      uptime: true,
      time: { type: 'wall', hour: 22, writer: 'receiver' },
    });
  });

  it('does not take an upper-case host for a zone', () => {
    expect(parseSyslogFrame('Dec  3 22:20:00 CORE %SYS-5-RESTART: x')).toMatchObject({ host: 'CORE', time: { zone: null } });
  });

  it('refuses what is not syslog', () => {
    expect(parseSyslogFrame('<9999>garbage')).toBeNull();
    expect(parseSyslogFrame('')).toBeNull();
  });
});
