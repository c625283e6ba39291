import type { PlatformId } from '../../model/platform.js';
import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

/**
 * Normal values: 0x2102 boots from flash with the startup configuration; 0x102 is the same with the break
 * key disabled (the Catalyst 9000 default). Anything else (0x2142 ignores the configuration, 0x0 stops in
 * ROMMON) is what an attacker sets to boot a modified image, so it needs a reason in git.
 */
const NORMAL: Partial<Record<PlatformId, string[]>> = {
  cisco_ios: ['0x2102', '0x102'],
  cisco_xe: ['0x2102', '0x102'],
  cisco_nxos: ['0x2102'],
};

export const configRegister: ValidateRule = {
  id: 'config-register',
  meta: {
    severity: 'error',
    description:
      'The config register is the normal value (0x2102 or 0x102 on IOS and IOS-XE, 0x2102 on NX-OS) unless configRegisterReason says why; EOS and Junos have none.',
  },
  check({ model, report }) {
    for (const d of model.devices) {
      const value = d.boot?.configRegister;
      if (value === undefined) continue;
      const at = refOf(d.source, '/boot/configRegister');
      const normal = NORMAL[d.platform];
      if (!normal) {
        report({ ...at, message: `${d.platform} has no config register`, hint: 'remove configRegister' });
        continue;
      }
      if (!/^0x[0-9a-fA-F]{1,4}$/.test(value)) {
        report({ ...at, message: `config register "${value}" is not a hex value like 0x2102`, hint: `use one of: ${normal.join(', ')}` });
        continue;
      }
      if (normal.includes(value.toLowerCase()) || d.boot?.configRegisterReason?.trim()) continue;
      report({
        ...at,
        message: `config register ${value} is not the normal value (${normal.join(' or ')})`,
        hint: 'set the normal value, or say why in boot.configRegisterReason',
      });
    }
  },
};
