import type { MessageHandler } from './types.js';

/**
 * Junos `mgd`: every CLI line (`UI_CMDLINE_READ_LINE`, which carries `request system software add` and
 * `request system reboot`), commits, rollbacks and reboot requests (`UI_REBOOT_EVENT`).
 */
export const juniperJunos: MessageHandler = {
  id: 'juniper-junos',
  description: 'Junos: UI_CMDLINE_READ_LINE, UI_COMMIT, UI_LOAD_EVENT, UI_REBOOT_EVENT',
  keywords: ['_CMDLINE_READ_LINE', '_COMMIT', '_LOAD_EVENT', '_REBOOT_EVENT'],
  handle(f) {
    switch (f.mnemonic) {
      case 'UI_CMDLINE_READ_LINE': {
        const m = /User '([^']*)', command '(.*)'\s*$/.exec(f.body);
        if (!m) return { skip: 'unparsed-message' };
        const command = (m[2] ?? '').trim();
        // in configuration mode Junos logs `set ...`/`delete ...` lines, which are changes by themselves
        const configMode = /^(set|delete|deactivate|activate|insert|rename|replace|load)\s/.test(command);
        return { actor: m[1] || null, command, ...(configMode ? { defaultKind: 'config-change' as const } : {}) };
      }
      case 'UI_COMMIT':
        return { kind: 'config-change', actor: /User '([^']*)'/.exec(f.body)?.[1] ?? null, command: 'commit' };
      case 'UI_COMMIT_COMPLETED':
        return null;
      case 'UI_LOAD_EVENT':
        return { kind: 'config-change', actor: /User '([^']*)'/.exec(f.body)?.[1] ?? null, command: /performing a '([^']*)'/.exec(f.body)?.[1] ?? null };
      case 'UI_REBOOT_EVENT':
        return { kind: 'reload', actor: /by '([^']*)'/.exec(f.body)?.[1] ?? null };
      default:
        return undefined;
    }
  },
};
