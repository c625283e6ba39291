import { unauthorizedRule } from '../unauthorized-base.js';

/** An image copied to the device (copy tftp:/scp:/ftp:/http:, archive download-sw, request system software add) outside approval. */
export const unauthorizedTransfer = unauthorizedRule('unauthorized-transfer', ['transfer'], 'image transfer', {
  severity: 'high',
  description: 'An image transfer that is not inside a window of an authorization for the device, after its merge, by an allowed identity, of the approved file, over an allowed protocol.',
});
