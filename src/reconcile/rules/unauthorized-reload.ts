import { unauthorizedRule } from '../unauthorized-base.js';

/** A reload activates whatever the boot variables point at; outside a window it is the last step of an image swap. */
export const unauthorizedReload = unauthorizedRule('unauthorized-reload', ['reload'], 'reload', {
  severity: 'high',
  description: 'A reload that is not inside a window of an authorization for the device, by an allowed identity.',
});
