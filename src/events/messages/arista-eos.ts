import type { MessageHandler } from './types.js';
import { userAfter } from './types.js';

/**
 * Arista EOS: configuration sessions (`%SYS-5-CONFIG_E` entering, `%SYS-5-CONFIG_I` leaving, `CONFIG_STARTUP`
 * saving, logged by `ConfigAgent:` or `Cli:`), restarts, and command accounting sent to the log by
 * `aaa accounting commands all default start-stop logging` (`%ACCOUNTING-6-CMD: user tty addr stop ... cmd=...`).
 */
export const aristaEos: MessageHandler = {
  id: 'arista-eos',
  description: 'EOS: %SYS-5-CONFIG_E/_I/_STARTUP, %SYS-5-SYSTEM_RESTARTED, %ACCOUNTING-6-CMD (Cli:/ConfigAgent:/Aaa:)',
  keywords: ['%SYS-5-CONFIG', '%SYS-5-SYSTEM_RESTARTED', '%ACCOUNTING-'],
  handle(f) {
    switch (f.mnemonic) {
      case 'SYS-5-CONFIG_E':
        return { kind: 'other', actor: userAfter(f.body, /\bby (\S+)/) };
      case 'SYS-5-CONFIG_STARTUP':
        return { kind: 'config-change', actor: userAfter(f.body, /\bby (\S+)/) };
      case 'SYS-5-SYSTEM_RESTARTED':
        return { kind: 'boot' };
      case 'ACCOUNTING-6-CMD': {
        const m = /^(\S+)\s+\S+\s+\S+\s+(start|stop)\b.*?\bcmd=(.*)$/.exec(f.body);
        if (!m) return { skip: 'unparsed-message' };
        if (m[2] === 'start') return null;
        return { actor: m[1] ?? null, command: (m[3] ?? '').trim() };
      }
      default:
        return undefined;
    }
  },
};
