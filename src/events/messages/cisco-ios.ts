import { imageFile, isCommandWord } from '../classify.js';
import type { MessageHandler } from './types.js';
import { userAfter } from './types.js';

/**
 * IOS and IOS-XE: reloads, restarts, configuration, the configuration change logger (`archive log config`),
 * install-mode operations and EEM applets that log the command they caught.
 */
export const ciscoIos: MessageHandler = {
  id: 'cisco-ios',
  description: 'IOS / IOS-XE: %SYS-5-RELOAD, %SYS-5-RESTART, %SYS-6-BOOTTIME, %SYS-5-CONFIG_I, %PARSER-5-CFGLOG_LOGGEDCMD, %INSTALL-5-*, %HA_EM-6-LOG',
  keywords: ['%SYS-5-RELOAD', '%SYS-5-RESTART', '%SYS-6-BOOTTIME', '%SYS-5-CONFIG', '%PARSER-5-CFGLOG', '%INSTALL-', '%HA_EM-'],
  handle(f) {
    const m = f.mnemonic;
    if (m === null) return undefined;
    switch (m) {
      case 'SYS-5-RELOAD':
        return { kind: 'reload', actor: userAfter(f.body, /requested by (\S+?)(?:[.,]|\s|$)/) };
      case 'SYS-5-RESTART':
      case 'SYS-6-BOOTTIME':
        return { kind: 'boot' };
      case 'SYS-5-CONFIG_I':
        return { kind: 'config-change', actor: userAfter(f.body, /\bby (\S+)/) };
      case 'PARSER-5-CFGLOG_LOGGEDCMD': {
        const cm = /User:\s*(\S+)\s+logged command:\s?(.*)$/.exec(f.body);
        if (!cm) return { skip: 'unparsed-message' };
        const command = (cm[2] ?? '').replace(/^!exec:\s*/, '');
        return { actor: cm[1] ?? null, command, defaultKind: 'config-change' };
      }
      default:
        break;
    }
    if (m.startsWith('INSTALL-')) {
      const path = /\b(?:[a-z0-9-]+:\/*)?[\w./-]+\.(?:bin|pkg|conf|SPA\.bin)\b/i.exec(f.body);
      const file = path ? imageFile(path[0]) : null;
      return { kind: 'install', file, command: /install \S+/.exec(f.body)?.[0] ?? null };
    }
    if (m.startsWith('HA_EM-') && /-LOG$/.test(m)) {
      // applets of the `event cli pattern` kind log `<applet>: [<user>: ]<command>`; a first word that is no
      // command keyword is the user
      const text = f.body.replace(/^[\w-]+:\s*/, '');
      const um = /^([\w.@-]+):\s+(.+)$/.exec(text);
      return um && !isCommandWord(um[1] ?? '') ? { actor: um[1] ?? null, command: um[2] ?? '' } : { command: text };
    }
    return undefined;
  },
};
