import { bool, DRAFT, id, int, list, object, platform, str, timeWindow, transfer, type JsonSchema } from './common.js';

/** `devices/<site>/<name>.yaml`. */
export const deviceSchema: JsonSchema = {
  $schema: DRAFT,
  title: 'imagegate device',
  ...object(
    'One device: where it is, how to reach it, and the image and boot variables git approves for it.',
    {
      name: id('Device name, equal to the file name without `.yaml`; unique in the fleet.'),
      platform,
      model: str('Hardware model as `show version` prints it, e.g. `C9300-48P`.', { minLength: 1 }),
      site: id('Site id, equal to the folder the file is in.'),
      role: id('Role, e.g. `core`, `access`, `edge`; maintenance windows can apply per role.'),
      redundancyGroup: id('Devices that back each other up; never upgraded in overlapping windows.'),
      management: object(
        'How the collector reaches the device over SSH.',
        {
          // a host that starts with `-` or holds spaces could turn into an option of an ssh command line
          host: str('Management address (IPv4, IPv6) or DNS name; unique in the fleet.', { pattern: '^[A-Za-z0-9][A-Za-z0-9.:_-]*$' }),
          port: int('SSH port.', 1, { maximum: 65535 }),
          hostKey: str('Pinned host key fingerprint as OpenSSH prints it: `SHA256:` and 43 base64 characters.', {
            pattern: '^SHA256:[A-Za-z0-9+/]{43}$',
          }),
          username: str('Login name on the device (never a secret; secrets come from the environment or an SSH config).', {
            minLength: 1,
          }),
        },
        ['host', 'hostKey'],
      ),
      aliases: list('Other names and addresses logs use for this device; unique in the fleet.', str('A host name or address.', { minLength: 1 }), {
        uniqueItems: true,
      }),
      timezone: str('IANA time zone of the device log clock, e.g. `Europe/Berlin`.', { minLength: 1 }),
      image: id('Catalog id (policies/images.yaml) of the image the device should run.'),
      boot: object(
        'Boot settings as git wants them (absent on Junos, which has no boot variable).',
        {
          system: list(
            'Boot variables in order, as the device prints them; the first must point at the image file (or `packages.conf` in IOS-XE install mode).',
            str('A boot entry such as `flash:cat9k_iosxe.17.12.04.SPA.bin`.', { minLength: 1 }),
            { minItems: 1 },
          ),
          configRegister: str('Config register, e.g. `0x2102`; quote it.', { minLength: 1 }),
          configRegisterReason: str('Why a non-standard config register is intended.', { minLength: 1 }),
        },
        ['system'],
      ),
      change: object(
        'Present while an upgrade is scheduled.',
        {
          ticket: str('Change ticket, e.g. `CHG0041872`.', { minLength: 1 }),
          window: timeWindow,
          executor: id('Identity (person or automation account in policies/identities.yaml) that carries the change out.'),
          transfer,
          downgrade: bool('A downgrade must say so explicitly.'),
          notes: str('Free text.'),
        },
        ['ticket', 'window', 'executor', 'transfer'],
      ),
    },
    ['name', 'platform', 'model', 'site', 'role', 'management', 'image'],
  ),
};
