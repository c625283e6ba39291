import { DeviceResolver } from './devices.js';
import { FLEET } from './__fixtures__/devices.js';

describe('DeviceResolver', () => {
  const r = new DeviceResolver(FLEET);

  it('finds a device by name, management address and alias, whatever the case', () => {
    expect(r.resolve('CORE-01')?.name).toBe('core-01');
    expect(r.resolve('10.0.0.3')?.name).toBe('leaf-01');
    expect(r.resolve('GeorgeSwitch')?.name).toBe('leaf-01');
    expect(r.resolve('core-01.FRA1.example.net.')?.name).toBe('core-01');
  });

  it('takes the first label of a fully qualified name, and IPv4-mapped IPv6 addresses', () => {
    expect(r.resolve('edge-01.fra1.example.net')?.name).toBe('edge-01');
    expect(r.resolve('vmx01.lab')?.name).toBe('edge-01');
    expect(r.resolve('::ffff:10.0.0.2')?.name).toBe('nx-01');
  });

  it('keeps unknown hosts unknown, and does not shorten addresses', () => {
    expect(r.resolve('core-02')).toBeNull();
    expect(r.resolve('10.0.0.99')).toBeNull();
    expect(r.resolve('')).toBeNull();
  });

  it('does not resolve a short name two devices share through their FQDN aliases', () => {
    const twins = new DeviceResolver([
      { ...FLEET[0]!, name: 'a', aliases: ['sw.site1.example.net'] },
      { ...FLEET[1]!, name: 'b', aliases: ['sw.site2.example.net'] },
    ]);
    expect(twins.resolve('sw')).toBeNull();
    expect(twins.resolve('sw.site2.example.net')?.name).toBe('b');
  });
});
