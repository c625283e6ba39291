import type { Device } from '../../model/device.js';
import type { PlatformId } from '../../model/platform.js';

function device(name: string, platform: PlatformId, host: string, extra: Partial<Device> = {}): Device {
  return {
    name,
    platform,
    model: 'lab',
    site: 'fra1',
    role: 'core',
    management: { host, hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    image: 'img',
    source: { file: `devices/fra1/${name}.yaml`, lines: {} },
    ...extra,
  };
}

/** The lab fleet the fixtures' logs talk about (hosts of the corpus lines are aliases here). */
export const FLEET: Device[] = [
  device('core-01', 'cisco_xe', '10.0.0.1', { aliases: ['core-01.fra1.example.net', 'test-ztp', 'router1'], timezone: 'Europe/Berlin' }),
  device('nx-01', 'cisco_nxos', '10.0.0.2', { aliases: ['sw01.pdx01'], timezone: 'UTC' }),
  device('leaf-01', 'arista_eos', '10.0.0.3', { aliases: ['GeorgeSwitch'], timezone: 'America/New_York' }),
  device('edge-01', 'juniper_junos', '10.0.0.4', { aliases: ['vmx01'] }),
  device('lab-rtr', 'cisco_ios', '127.0.0.1'),
  device('lab-sw', 'cisco_ios', '192.168.0.253'),
];
