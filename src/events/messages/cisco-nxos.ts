import type { MessageHandler } from './types.js';
import { userAfter } from './types.js';

const ACCOUNTING = /(?:^|\s|:)type=(?:start|stop|update):id=([^:]*):user=([^:]*):cmd=(.*)$/;

/**
 * NX-OS: `%VSHD-5-VSHD_SYSLOG_CONFIG_I` and accounting records (`type=update:id=...:user=...:cmd=...`, as
 * `show accounting log` prints them and as they reach syslog). A configuration command is logged with its mode
 * (`configure terminal ; boot nxos ...`) and its result; the last part is the command itself.
 */
export const ciscoNxos: MessageHandler = {
  id: 'cisco-nxos',
  description: 'NX-OS: %VSHD-5-VSHD_SYSLOG_CONFIG_I, accounting records (type=...:user=...:cmd=...)',
  keywords: ['%VSHD-5-VSHD_SYSLOG_CONFIG', '=update:'],
  handle(f) {
    if (f.mnemonic === 'VSHD-5-VSHD_SYSLOG_CONFIG_I') return { kind: 'config-change', actor: userAfter(f.body, /\bby (\S+)/) };
    const m = ACCOUNTING.exec(f.body);
    if (!m) return undefined;
    let cmd = (m[3] ?? '').trim();
    const result = /\s*\((SUCCESS|FAILURE|REDIRECT|FAILED)\)$/i.exec(cmd);
    if (result) cmd = cmd.slice(0, result.index);
    const parts = cmd.split(' ; ');
    const command = (parts[parts.length - 1] ?? '').trim();
    const configMode = parts.length > 1 && /^conf/i.test(parts[0] ?? '');
    return { actor: m[2] || null, command, ...(configMode ? { defaultKind: 'config-change' as const } : {}) };
  },
};
