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

describe('collect from OpenSSH sshd', () => {
  let dir: string;
  let sshd: ChildProcess | undefined;
  let stderr = '';
  let port = 0;
  const hostKey = hostKeyFromSeed(createHash('sha256').update('imagegate sshd interop host').digest(), 'sshd-host');
  const clientKey = hostKeyFromSeed(createHash('sha256').update('imagegate sshd interop client').digest(), 'collector');
  const { devices, catalog } = syntheticFleet(5, 'rec');
  const eos = devices.find((d) => d.platform === 'arista_eos') as Device;

  beforeAll(async () => {
    if (!existsSync(SSHD)) {
      throw new Error(`${SSHD} is missing: install Debian's OpenSSH server (apt-get install -y openssh-server) to run the interoperability test`);
    }
    dir = mkdtempSync(join(tmpdir(), 'ig-sshd-'));
    // record what an EOS device answers to every allowlisted command, from the simulator
    const logDir = join(dir, 'logs');
    const fleet = await startFleet([eos], catalog, { logDir });
    const image = catalog.images.find((i) => i.id === eos.image);
    const commands = allowedCommands(drivers.arista_eos).flatMap((c) => (c.includes('<file>') ? [c.replace('<file>', image?.file ?? '')] : [c]));
    const cases: string[] = [];
    commands.forEach((command, i) => {
      writeFileSync(join(dir, `out-${i}.txt`), `${fleet.run(eos.name, 'recorder', command)}\n`);
      cases.push(`  ${shellQuote(command)}) cat ${shellQuote(join(dir, `out-${i}.txt`))} ;;`);
    });
    await fleet.close();
    const script = join(dir, 'device.sh');
    writeFileSync(script, `#!/bin/sh\ncase "$SSH_ORIGINAL_COMMAND" in\n${cases.join('\n')}\n  *) echo "% Invalid input"; exit 1 ;;\nesac\n`);
    chmodSync(script, 0o755);
    writeFileSync(join(dir, 'host_key'), hostKey.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, 'client_key'), clientKey.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, 'authorized_keys'), `${clientKey.publicKey} collector\n`);
    port = await freePort();
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
        '',
      ].join('\n'),
    );
    // sshd insists on its privilege separation directory when started as root
    if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    await waitForPort(port, sshd, () => stderr);
    eos.management = { host: '127.0.0.1', port, hostKey: hostKey.fingerprint, username: user };
  });

  afterAll(() => {
    sshd?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with a key, pins the host key and parses every fact', async () => {
    const state = await collect([eos], catalog, { env: { IMAGEGATE_SSH_KEY: join(dir, 'client_key') }, timeoutSeconds: 10 });
    const d = state.devices[0];
    const image = catalog.images.find((i) => i.id === eos.image);
    expect({ status: d?.status, reason: d?.reason, detail: d?.detail }).toEqual({ status: 'ok', reason: undefined, detail: undefined });
    expect(d?.facts.version?.version).toBe(image?.version);
    expect(d?.facts.boot?.boot).toEqual([`flash:/${image?.file}`]);
    expect(d?.facts.hash).toEqual({ file: image?.file, algorithm: 'sha512', digest: image?.sha512 });
    expect(stderr).toMatch(/Accepted publickey for \S+ from 127\.0\.0\.1/);
  });

  it('refuses the real server when the pinned key differs, and keeps the key it presented', async () => {
    const pinnedElsewhere = { ...eos, management: { ...eos.management, hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } };
    const state = await collect([pinnedElsewhere], catalog, { env: { IMAGEGATE_SSH_KEY: join(dir, 'client_key') }, timeoutSeconds: 10 });
    expect(state.devices[0]).toMatchObject({ status: 'unverified', reason: 'host-key-mismatch', presentedHostKey: hostKey.fingerprint });
  });

  it('reports a key sshd does not accept as auth-failed', async () => {
    const other = hostKeyFromSeed(createHash('sha256').update('not authorized').digest(), 'intruder');
    writeFileSync(join(dir, 'other_key'), other.privateKey, { mode: 0o600 });
    const state = await collect([eos], catalog, { env: { IMAGEGATE_SSH_KEY: join(dir, 'other_key') }, timeoutSeconds: 10 });
    expect(state.devices[0]?.reason).toBe('auth-failed');
  });
});
