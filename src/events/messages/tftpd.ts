import { imageFile } from '../classify.js';
import type { MessageHandler } from './types.js';

const REQUEST = /^(RRQ|WRQ) from (\S+) filename (\S+)/;

/**
 * tftpd-hpa (`-v`): `RRQ from <client> filename <file>` when a client reads (the device downloads an image),
 * `WRQ` when it writes. The event is about the client, not the server that logged it.
 */
export const tftpd: MessageHandler = {
  id: 'tftpd',
  description: 'tftpd-hpa: RRQ/WRQ from <client> filename <file>',
  keywords: ['Q from '],
  handle(f) {
    const m = REQUEST.exec(f.body);
    if (!m) return undefined;
    const client = (m[2] ?? '').replace(/^::ffff:(?=\d+\.)/, '');
    return {
      host: client,
      kind: 'transfer',
      protocol: 'tftp',
      direction: m[1] === 'RRQ' ? 'download' : 'upload',
      file: imageFile(m[3] ?? ''),
      actor: null,
    };
  },
};
