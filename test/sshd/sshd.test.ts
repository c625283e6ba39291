/**
 * Interoperability with a real OpenSSH server (Arista EOS, Cisco NX-OS and Junos run OpenSSH-based servers):
 * Debian's sshd on 127.0.0.1 with its own host key, public-key login, and a forced command that prints recorded
 * device output for $SSH_ORIGINAL_COMMAND. collect must pin the key, log in and parse what it gets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { collect } from '../../src/collect/index.js';
import type { Device } from '../../src/model/device.js';
import type { PlatformId } from '../../src/model/platform.js';
import { allowedCommands, drivers } from '../../src/platforms/index.js';
import { hostKeyFromSeed } from '../../src/sim/host-key.js';
import { startFleet } from '../../src/sim/index.js';
import { syntheticFleet } from '../../src/sim/synthetic.js';

const SSHD = '/usr/sbin/sshd';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`sshd exited with ${proc.exitCode}:\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port}:\n${log()}`);
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

interface RunningSshd {
  port: number;
  user: string;
  stderr: () => string;
  stop: () => void;
}

/** Debian's sshd on 127.0.0.1 whose forced command answers as `device` would (outputs recorded from the simulator). */
async function startSshd(dir: string, device: Device, catalog: ReturnType<typeof syntheticFleet>['catalog'], hostKey: string, clientPublicKey: string): Promise<RunningSshd> {
  const fleet = await startFleet([device], catalog, { logDir: join(dir, 'logs') });
  const image = catalog.images.find((i) => i.id === device.image);
  const driver = drivers[device.platform];
  const commands = allowedCommands(driver).flatMap((c) => (c.includes('<file>') ? [c.replace('<file>', image?.file ?? '')] : [c]));
  const cases: string[] = [];
  commands.forEach((command, i) => {
    writeFileSync(join(dir, `out-${i}.txt`), `${fleet.run(device.name, 'recorder', command)}\n`);
    cases.push(`  ${shellQuote(command)}) cat ${shellQuote(join(dir, `out-${i}.txt`))} ;;`);
  });
  await fleet.close();
  const script = join(dir, 'device.sh');
  writeFileSync(script, `#!/bin/sh\ncase "$SSH_ORIGINAL_COMMAND" in\n${cases.join('\n')}\n  *) echo "% Invalid input"; exit 1 ;;\nesac\n`);
  chmodSync(script, 0o755);
  writeFileSync(join(dir, 'host_key'), hostKey, { mode: 0o600 });
  writeFileSync(join(dir, 'authorized_keys'), `${clientPublicKey} collector\n`);
  const port = await freePort();
  const user = userInfo().username;
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      `PermitRootLogin ${user === 'root' ? 'prohibit-password' : 'no'}`,
      `AllowUsers ${user}`,
      `ForceCommand ${script}`,
      'LogLevel VERBOSE',
      'UseDNS no',
      '',
    ].join('\n'),
  );
  // sshd insists on its privilege separation directory when started as root
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const proc = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  await waitForPort(port, proc, () => stderr);
  return { port, user, stderr: () => stderr, stop: () => proc.kill('SIGTERM') };
}

const OPENSSH_PLATFORMS: PlatformId[] = ['arista_eos', 'cisco_nxos', 'juniper_junos'];

describe.each(OPENSSH_PLATFORMS.map((p) => [p]))('collect from OpenSSH sshd serving %s output', (platform) => {
  let dir: string;
  let sshd: RunningSshd | undefined;
  const hostKey = hostKeyFromSeed(createHash('sha256').update(`imagegate sshd interop host ${platform}`).digest(), 'sshd-host');
  const clientKey = hostKeyFromSeed(createHash('sha256').update('imagegate sshd interop client').digest(), 'collector');
  const { devices, catalog } = syntheticFleet(5, 'rec');
  const device = devices.find((d) => d.platform === platform) as Device;
  const image = catalog.images.find((i) => i.id === device.image);

  beforeAll(async () => {
    if (!existsSync(SSHD)) {
      throw new Error(`${SSHD} is missing: install Debian's OpenSSH server (apt-get install -y openssh-server) to run the interoperability test`);
    }
    dir = mkdtempSync(join(tmpdir(), 'ig-sshd-'));
    writeFileSync(join(dir, 'client_key'), clientKey.privateKey, { mode: 0o600 });
    sshd = await startSshd(dir, device, catalog, hostKey.privateKey, clientKey.publicKey);
    device.management = { host: '127.0.0.1', port: sshd.port, hostKey: hostKey.fingerprint, username: sshd.user };
  });

  afterAll(() => {
    sshd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with a key, pins the host key and parses every fact', async () => {
    const state = await collect([device], catalog, { env: { IMAGEGATE_SSH_KEY: join(dir, 'client_key') }, timeoutSeconds: 10 });
    const d = state.devices[0];
    expect({ status: d?.status, reason: d?.reason, detail: d?.detail }).toEqual({ status: 'ok', reason: undefined, detail: undefined });
    expect(d?.facts.version?.version).toBe(image?.version);
    expect(d?.facts.files?.files.map((f) => f.name)).toContain(image?.file);
    const algorithm = platform === 'juniper_junos' ? 'sha256' : 'sha512';
    expect(d?.facts.hash).toEqual({ file: image?.file, algorithm, digest: image?.[algorithm] });
    expect(sshd?.stderr()).toMatch(/Accepted publickey for \S+ from 127\.0\.0\.1/);
  });

  it('refuses the real server when the pinned key differs, and keeps the key it presented', async () => {
    const pinnedElsewhere = { ...device, management: { ...device.management, hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } };
    const state = await collect([pinnedElsewhere], catalog, { env: { IMAGEGATE_SSH_KEY: join(dir, 'client_key') }, timeoutSeconds: 10 });
    expect(state.devices[0]).toMatchObject({ status: 'unverified', reason: 'host-key-mismatch', presentedHostKey: hostKey.fingerprint });
  });

  it('reports a key sshd does not accept as auth-failed', async () => {
    const other = hostKeyFromSeed(createHash('sha256').update('not authorized').digest(), 'intruder');
    writeFileSync(join(dir, 'other_key'), other.privateKey, { mode: 0o600 });
    const state = await collect([device], catalog, { env: { IMAGEGATE_SSH_KEY: join(dir, 'other_key') }, timeoutSeconds: 10 });
    expect(state.devices[0]?.reason).toBe('auth-failed');
  });
});
