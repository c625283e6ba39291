import { existsSync, readFileSync } from 'node:fs';
import { ImagegateError, InputError, ParseError, excerpt } from '../errors.js';
import type { Device } from '../model/device.js';
import type { HashAlgorithm, Image, ImageCatalog } from '../model/image.js';
import type { PlatformId } from '../model/platform.js';
import { STATE_FILE_VERSION, type DeviceFacts, type DeviceState, type StateFile, type UnverifiedReason } from '../model/state.js';
import { assertSafeFileName, detectFailure, getDriver, isAllowedCommand, type PlatformDriver } from '../platforms/index.js';
import { redact } from '../util/redact.js';
import { DeviceSession, SessionError, type ShellSession } from './session.js';
import { parseSshConfig, resolveSshHost, type SshConfig } from './ssh-config.js';

export { parseSshConfig, resolveSshHost, hostMatches, type SshConfig, type SshHostConfig } from './ssh-config.js';

export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/**
 * Cisco IOS and IOS-XE serve one exec request per SSH connection and then close it, so their commands go through
 * an interactive session, as engineers and netmiko talk to them. The OpenSSH-based servers of NX-OS, EOS and Junos
 * run one exec channel per command, which needs no prompt matching.
 */
const SHELL_PLATFORMS: ReadonlySet<PlatformId> = new Set<PlatformId>(['cisco_ios', 'cisco_xe']);

export interface CollectOptions {
  concurrency?: number;
  /** Limit for the connection and for every command, each. */
  timeoutSeconds?: number;
  /** OpenSSH-style config: its text, or the path of a file. */
  sshConfig?: string;
  /** Where credentials come from: IMAGEGATE_SSH_PASSWORD, IMAGEGATE_SSH_KEY (+ _PASSPHRASE), SSH_AUTH_SOCK, IMAGEGATE_SSH_USER. */
  env?: NodeJS.ProcessEnv;
  maxOutputBytes?: number;
  clock?: () => Date;
  onProgress?: (done: number, total: number, state: DeviceState) => void;
  /** `auto` (default): an interactive session for IOS and IOS-XE, an exec channel per command elsewhere. */
  transport?: 'auto' | 'exec' | 'shell';
}

class Unverified extends Error {
  constructor(
    readonly reason: UnverifiedReason,
    message: string,
    readonly presentedHostKey?: string,
  ) {
    super(message);
  }
}

function loadSshConfig(value: string | undefined): SshConfig | undefined {
  if (value === undefined) return undefined;
  if (!value.includes('\n') && existsSync(value)) return parseSshConfig(readFileSync(value, 'utf8'), value);
  if (!value.includes('\n') && !/^\s*host\s/i.test(value)) throw new InputError(value, undefined, 'SSH config file not found', { hint: 'pass the path of an OpenSSH-style config file' });
  return parseSshConfig(value, '<ssh-config>');
}

/** The algorithm to hash with: the platform's strongest that the catalog has a digest for. */
function pickAlgorithm(driver: PlatformDriver, image: Image): HashAlgorithm | undefined {
  if (driver.facts.hash === 'unsupported') return undefined;
  return driver.facts.hash.algorithms.find((a) => image[a] !== undefined);
}

/**
 * Reads every device's live state over SSH: pinned host keys, allowlisted read-only commands only, a time limit on
 * the connection and on each command, bounded concurrency. A device that fails is recorded as unverified with its
 * reason and the run goes on.
 */
export async function collect(devices: Device[], catalog: ImageCatalog, opts: CollectOptions = {}): Promise<StateFile> {
  const env = opts.env ?? process.env;
  const clock = opts.clock ?? (() => new Date());
  const sshConfig = loadSshConfig(opts.sshConfig);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 20));
  const timeoutMs = Math.max(0.1, opts.timeoutSeconds ?? 30) * 1000;
  const maxBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  let privateKey: Buffer | undefined;
  if (env.IMAGEGATE_SSH_KEY) {
    try {
      privateKey = readFileSync(env.IMAGEGATE_SSH_KEY);
    } catch (err: unknown) {
      throw new InputError(env.IMAGEGATE_SSH_KEY, undefined, 'cannot read the SSH key named by IMAGEGATE_SSH_KEY', { cause: err });
    }
  }
  const keyCache = new Map<string, Buffer>();
  const results: DeviceState[] = new Array<DeviceState>(devices.length);
  let next = 0;
  let done = 0;

  const one = async (device: Device): Promise<DeviceState> => {
    const started = clock().toISOString();
    const facts: DeviceFacts = {};
    const unsupported: Array<keyof DeviceFacts> = [];
    let expectedFile: string | undefined;
    const base = { device: device.name, platform: device.platform, collectedAt: started };
    try {
      const driver = getDriver(device.platform);
      const image = catalog.images.find((i) => i.id === device.image);
      if (image) expectedFile = image.file;
      const resolved = sshConfig ? resolveSshHost(sshConfig, device.name) : { identityFiles: [] };
      const username = resolved.user ?? device.management.username ?? env.IMAGEGATE_SSH_USER;
      let key = privateKey;
      for (const file of key ? [] : resolved.identityFiles) {
        if (!keyCache.has(file) && existsSync(file)) keyCache.set(file, readFileSync(file));
        key = keyCache.get(file);
        if (key) break;
      }
      const password = env.IMAGEGATE_SSH_PASSWORD;
      const agent = env.SSH_AUTH_SOCK;
      if (!username || (!password && !key && !agent)) {
        throw new Unverified('no-credentials', username ? 'no password, key or agent in the environment or SSH config' : 'no user name in the device file, SSH config or IMAGEGATE_SSH_USER');
      }
      const session = await DeviceSession.connect({
        host: resolved.hostName ?? device.management.host,
        port: resolved.port ?? device.management.port ?? 22,
        username,
        hostKey: device.management.hostKey,
        timeoutMs,
        ...(password ? { password } : {}),
        ...(key ? { privateKey: key } : {}),
        ...(key && env.IMAGEGATE_SSH_KEY_PASSPHRASE ? { passphrase: env.IMAGEGATE_SSH_KEY_PASSPHRASE } : {}),
        ...(agent ? { agent } : {}),
      });
      let shell: ShellSession | undefined;
      try {
        const transport = opts.transport ?? 'auto';
        if (transport === 'shell' || (transport === 'auto' && SHELL_PLATFORMS.has(driver.id))) shell = await session.shell(driver.prompt, timeoutMs);
        const send = (command: string): Promise<string> => (shell ? shell.run(command, timeoutMs, maxBytes) : session.exec(command, timeoutMs, maxBytes));
        const run = async <T>(command: string, parse: (raw: string) => T): Promise<T> => {
          if (!isAllowedCommand(driver, command)) throw new Unverified('command-failed', `refusing to send "${command}": not on the ${driver.id} allowlist`);
          const raw = await send(command);
          const failure = detectFailure(driver, raw);
          if (failure !== null) throw new Unverified('command-failed', `"${command}": ${failure}`);
          return parse(raw);
        };
        // paging off first: a pager prompt would stall an interactive session
        if (shell) for (const setup of driver.sessionSetup) await run(setup, () => undefined);
        const version = await run(driver.facts.version.command, (r) => driver.facts.version.parse(r));
        const uptime = driver.facts.uptime;
        facts.version = uptime ? { ...version, ...(await run(uptime.command, (r) => uptime.parse(r))) } : version;
        const boot = driver.facts.boot;
        if (boot === 'unsupported') unsupported.push('boot');
        else facts.boot = await run(boot.command, (r) => boot.parse(r));
        facts.files = await run(driver.facts.files.command, (r) => driver.facts.files.parse(r));
        const hash = driver.facts.hash;
        if (hash === 'unsupported') unsupported.push('hash');
        else {
          if (!image) throw new Unverified('command-failed', `image "${device.image}" is not in the catalog: nothing to hash against`);
          const algorithm = pickAlgorithm(driver, image);
          if (!algorithm) throw new Unverified('command-failed', `the catalog has no ${hash.algorithms.join(' or ')} digest of ${image.file}, the hashes ${driver.id} can compute`);
          let file: string;
          try {
            file = assertSafeFileName(image.file);
          } catch (err: unknown) {
            throw new Unverified('command-failed', err instanceof Error ? err.message : String(err));
          }
          facts.hash = await run(hash.command(file, algorithm), (r) => hash.parse(r, file, algorithm));
        }
      } finally {
        shell?.close();
        session.close();
      }
      return { ...base, status: 'ok', facts, ...(expectedFile ? { expectedFile } : {}), ...(unsupported.length ? { unsupported } : {}) };
    } catch (err: unknown) {
      let reason: UnverifiedReason;
      let detail: string;
      let presented: string | undefined;
      if (err instanceof Unverified) {
        reason = err.reason;
        detail = err.message;
        presented = err.presentedHostKey;
      } else if (err instanceof SessionError) {
        reason = err.reason === 'output-too-large' ? 'unparsable' : err.reason;
        detail = err.message;
        presented = err.presentedHostKey;
      } else if (err instanceof ParseError) {
        reason = 'unparsable';
        detail = `${err.message}\n${err.excerpt}`;
      } else if (err instanceof ImagegateError) {
        reason = 'unparsable';
        detail = err.message;
      } else {
        reason = 'unparsable';
        detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      return {
        ...base,
        status: 'unverified',
        reason,
        detail: redact(excerpt(detail, 6, 200), env),
        facts,
        ...(expectedFile ? { expectedFile } : {}),
        ...(presented ? { presentedHostKey: presented } : {}),
        ...(unsupported.length ? { unsupported } : {}),
      };
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      const device = devices[i];
      if (device === undefined) return;
      const state = await one(device);
      results[i] = state;
      done++;
      opts.onProgress?.(done, devices.length, state);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, devices.length) }, worker));
  return { version: STATE_FILE_VERSION, kind: 'imagegate-state', generatedAt: clock().toISOString(), devices: results };
}
