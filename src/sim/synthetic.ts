import type { Device } from '../model/device.js';
import type { Image, ImageCatalog } from '../model/image.js';
import type { PlatformId } from '../model/platform.js';
import { digestOf, genuineContent } from './device.js';
import { hostKeyFor } from './host-key.js';

interface Template {
  platform: PlatformId;
  model: string;
  file: string;
  version: string;
  boot?: string[];
  configRegister?: string;
}

const TEMPLATES: Template[] = [
  { platform: 'cisco_ios', model: 'CISCO2911/K9', file: 'c2900-universalk9-mz.SPA.157-3.M8.bin', version: '15.7(3)M8', boot: ['flash:c2900-universalk9-mz.SPA.157-3.M8.bin'], configRegister: '0x2102' },
  { platform: 'cisco_xe', model: 'C9300-48P', file: 'cat9k_iosxe.17.12.04.SPA.bin', version: '17.12.04', boot: ['flash:packages.conf'], configRegister: '0x102' },
  { platform: 'cisco_nxos', model: 'N9K-C93180YC-FX', file: 'nxos64-cs.10.4.3.F.bin', version: '10.4(3)', boot: ['bootflash:nxos64-cs.10.4.3.F.bin'] },
  { platform: 'arista_eos', model: 'DCS-7050SX3-48YC8', file: 'EOS-4.32.2F.swi', version: '4.32.2F', boot: ['flash:/EOS-4.32.2F.swi'] },
  { platform: 'juniper_junos', model: 'MX204', file: 'junos-install-mx-x86-64-23.4R2-S3.9.tgz', version: '23.4R2-S3.9' },
];

function image(t: Template): Image {
  return {
    id: `${t.platform}-${t.version}`,
    platform: t.platform,
    models: [t.model],
    file: t.file,
    version: t.version,
    sha512: digestOf(genuineContent(t.file), 'sha512'),
    sha256: digestOf(genuineContent(t.file), 'sha256'),
    status: 'approved',
  };
}

/**
 * A fleet of `count` devices cycling over the five platforms, with a catalog hashed the way the example
 * catalog is, and host keys pinned to the simulator's: for tests and benchmarks that need no YAML.
 */
export function syntheticFleet(count: number, prefix = 'sim'): { devices: Device[]; catalog: ImageCatalog } {
  const images = TEMPLATES.map(image);
  const devices: Device[] = [];
  for (let i = 0; i < count; i++) {
    const t = TEMPLATES[i % TEMPLATES.length] as Template;
    const name = `${prefix}-${t.platform.replace('_', '-')}-${String(i).padStart(4, '0')}`;
    devices.push({
      name,
      platform: t.platform,
      model: t.model,
      site: 'lab1',
      role: 'access',
      management: { host: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostKey: hostKeyFor(name).fingerprint, username: 'svc-imagegate' },
      timezone: 'UTC',
      image: `${t.platform}-${t.version}`,
      ...(t.boot ? { boot: { system: t.boot, ...(t.configRegister ? { configRegister: t.configRegister } : {}) } } : {}),
      source: { file: `devices/lab1/${name}.yaml`, lines: {} },
    });
  }
  return { devices, catalog: { images, source: { file: 'policies/images.yaml', lines: {} } } };
}
