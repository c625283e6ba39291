/** Platform identifiers as Netmiko / netutils spell them. */
export const PLATFORMS = ['cisco_ios', 'cisco_xe', 'cisco_nxos', 'arista_eos', 'juniper_junos'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

export function isPlatformId(value: unknown): value is PlatformId {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}
