import { detectSource } from './index.js';

const TACACS = 'Oct  4 19:25:24\t127.0.0.1\ttestuser\tvty0\t127.0.0.2\tstop\ttask_id=63936\ttimezone=UTC\tservice=shell\tpriv-lvl=15\tcmd=show version  <cr>';
const SYSLOG = '<189>30: test-ztp: May 23 13:56:15.055: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.31.0.24)';
const XFER = 'Thu Dec  3 22:00:00 2026 42 10.0.0.1 1363148800 /srv/ftp/images/c9k.bin b _ o r alice ftp 0 * c';
const TFTPD = 'Dec  3 21:59:58 tftp01 in.tftpd[811]: RRQ from 10.0.0.1 filename /srv/tftp/c9k.bin';

describe('format detection', () => {
  it.each([
    ['tacacs', [TACACS, TACACS]],
    ['tacacs', [TACACS, TACACS, 'garbled line']],
    ['xferlog', [XFER, 'garbled']],
    ['syslog', [SYSLOG, 'Dec  3 21:59:58 host prog: text']],
    ['tftpd', [TFTPD, TFTPD]],
    ['syslog', [TFTPD, SYSLOG]],
    ['zeek', ['#separator \\x09', '#path\ttftp', '#fields\tts\tuid\tid.orig_h']],
    ['zeek', ['{"ts":1796335200.5,"uid":"C1","id.orig_h":"10.0.0.1","fname":"x.bin"}']],
    ['ndjson', ['{"ts":"2026-12-03T22:00:00.000Z","device":null,"host":"h","kind":"reload","actor":null,"command":null,"file":null,"protocol":null,"direction":null,"source":{"path":"a","line":1,"format":"syslog"},"raw":"x","clock":"synced"}']],
  ])('%s', (id, lines) => {
    expect(detectSource(lines)).toEqual({ source: expect.objectContaining({ id }), detected: true });
  });

  it('falls back to syslog, saying it did not recognize the format', () => {
    expect(detectSource(['\u0000\u0001binary', 'more'])).toEqual({ source: expect.objectContaining({ id: 'syslog' }), detected: false });
    expect(detectSource([]).detected).toBe(false);
  });
});
