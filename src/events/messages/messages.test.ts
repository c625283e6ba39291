import { parseSyslogFrame } from '../syslog-frame.js';
import { messageHandlers } from './index.js';

function handle(line: string): unknown {
  const frame = parseSyslogFrame(line);
  if (!frame) throw new Error(`not syslog: ${line}`);
  for (const h of messageHandlers) {
    const r = h.handle(frame);
    if (r !== undefined) return r;
  }
  return undefined;
}

describe('message handlers', () => {
  it('names no user for reloads requested by a subsystem or the console', () => {
    expect(handle('<189>1: r1: Dec  3 22:00:00: %SYS-5-RELOAD: Reload requested by Exec. Reload Reason: Reload command.')).toMatchObject({ kind: 'reload', actor: null });
    expect(handle('<189>1: r1: Dec  3 22:00:00: %SYS-5-RELOAD: Reload requested by console. Reload Reason: Reload Command.')).toMatchObject({ kind: 'reload', actor: null });
    expect(handle('<189>1: r1: Dec  3 22:00:00: %SYS-5-RELOAD: Reload requested by alice on vty0 (10.1.1.1).')).toMatchObject({ kind: 'reload', actor: 'alice' });
  });

  it('leaves messages of no interest to other handlers, and counts garbled ones', () => {
    expect(handle('<189>1: r1: Dec  3 22:00:00: %LINK-3-UPDOWN: Interface Gi1/0/1, changed state to up')).toBeUndefined();
    expect(handle('<189>1: r1: Dec  3 22:00:00: %PARSER-5-CFGLOG_LOGGEDCMD: garbled')).toEqual({ skip: 'unparsed-message' });
    expect(handle("<189>Dec  3 22:00:00 vmx01 mgd[1]: UI_CMDLINE_READ_LINE: garbled")).toEqual({ skip: 'unparsed-message' });
    expect(handle('<189>Dec  3 22:00:00 vmx01 mgd[1]: UI_COMMIT_COMPLETED: commit complete')).toBeNull();
  });

  it('takes the NX-OS command out of its configuration-mode record, result removed', () => {
    expect(handle('<190>2026 Dec  3 22:01:00 nx-01 %ACCOUNTING-6-MESSAGE: x:type=update:id=10.9.9.9@pts/0:user=admin:cmd=configure terminal ; no boot nxos (FAILURE)')).toEqual({
      actor: 'admin',
      command: 'no boot nxos',
      defaultKind: 'config-change',
    });
  });

  it('ignores TACACS+ start records and session records in syslog', () => {
    expect(handle('Dec  3 22:00:00 aaa01 tac_plus[1]: 10.0.0.1\talice\ttty2\t10.9.9.9\tstart\ttask_id=1\tservice=shell\tcmd=reload <cr>')).toBeNull();
    expect(handle('Dec  3 22:00:00 aaa01 tac_plus[1]: 10.0.0.1\talice\ttty2\t10.9.9.9\tstop\ttask_id=1\tservice=shell\telapsed_time=42')).toBeNull();
    expect(handle('Dec  3 22:00:00 aaa01 tac_plus[1]: connect from 10.0.0.1 [10.0.0.1]')).toBeNull();
  });
});
