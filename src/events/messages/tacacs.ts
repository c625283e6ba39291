import { tacacsFields, tacacsRecord } from '../sources/tacacs.js';
import type { MessageHandler } from './types.js';

/** tac_plus and tac_plus-ng writing accounting to syslog (`accounting syslog;`): the record without its own date. */
export const tacacsSyslog: MessageHandler = {
  id: 'tacacs',
  description: 'tac_plus / tac_plus-ng accounting records in syslog',
  keywords: ['_plus'],
  handle(f) {
    if (f.program !== 'tac_plus' && f.program !== 'tac_plus-ng') return undefined;
    const rec = tacacsRecord(f.body.split(/\t|\|/).map((x) => x.trim()));
    if (rec === null) return null;
    return tacacsFields(rec);
  },
};
