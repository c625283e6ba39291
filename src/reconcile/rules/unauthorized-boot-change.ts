import { unauthorizedRule } from '../unauthorized-base.js';

/** boot system / boot nxos / config-register / install activate outside approval: what the device will load next. */
export const unauthorizedBootChange = unauthorizedRule('unauthorized-boot-change', ['boot-change', 'config-register', 'install'], 'boot change', {
  severity: 'high',
  description: 'A change of boot variables, config register or installed packages that no authorization explains.',
});
