import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { createPrivateKey, sign as cryptoSign, timingSafeEqual } from 'node:crypto';
import ssh2, { type Connection, type ParsedKey, type ServerChannel } from 'ssh2';
import type { Device } from '../model/device.js';
import type { ImageCatalog } from '../model/image.js';
import { coalesceWrites } from '../collect/coalesce.js';
import { SimDevice, type OperatorSession } from './device.js';
import { hostKeyFor } from './host-key.js';
import { FleetLogs, type FleetLogPaths } from './logs.js';
import { simPlatforms, type SimPlatform } from './platforms/index.js';

// ssh2 is CommonJS: Node's ESM loader offers only its default export
const { Server: SshServer, utils } = ssh2;
type SshServer = InstanceType<typeof SshServer>;

export interface FleetOptions {
  /** First port; device i listens on portBase + i. 0 (the default) gives each an ephemeral port. */
  portBase?: number;
  logDir: string;
  clock?: () => Date;
  /** user -> password. Default: `svc-imagegate`, `admin` and every device's management username, password `imagegate-sim`. */
  users?: Record<string, string>;
  /** Public keys (`ssh-ed25519 AAAA...`) accepted for every user. */
  authorizedKeys?: string[];
  /** Delay of each answer of a device that misbehaves with 'slow'. */
  slowMs?: number;
  /** Size of each answer of a device that misbehaves with 'huge-output'. */
  hugeOutputBytes?: number;
}

export interface Endpoint {
  host: '127.0.0.1';
  port: number;
  hostKeyFingerprint: string;
}

export interface Fleet {
  endpoints: Record<string, Endpoint>;
  /** OpenSSH-style client config that points every device name at its simulator port. */
  sshConfig(): string;
  device(name: string): SimDevice;
  /** Plays an operator at the device's CLI (commands are accounted and logged like an SSH login's). */
  run(name: string, user: string, command: string, from?: string): string;
  logs: FleetLogPaths;
  /** Writes the log lines of the current event-loop turn now (operator commands flush by themselves). */
  flushLogs(): void;
  close(): Promise<void>;
}

export const SIM_PASSWORD = 'imagegate-sim';

interface Node {
  dev: SimDevice;
  platform: SimPlatform;
  net: NetServer;
  ssh: SshServer;
  wrongKey: SshServer | undefined;
  port: number;
  logins: number;
  username: string;
}

/** Printable noise, deterministic per seed; a 4 KiB block repeated so that megabytes cost no CPU. */
function garbage(seed: string, bytes: number): string {
  let x = 0;
  for (const ch of seed) x = (x * 31 + ch.charCodeAt(0)) >>> 0;
  const lines: string[] = [];
  for (let n = 0; n < 64; n++) {
    let l = '';
    for (let i = 0; i < 63; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      l += String.fromCharCode(33 + ((x >>> 16) % 90));
    }
    lines.push(l);
  }
  const block = `${lines.join('\n')}\n`;
  return block.repeat(Math.max(1, Math.ceil(bytes / block.length)));
}

/** What a compromised device may answer to blind its reader: terminal escapes and GitHub workflow commands. */
const HOSTILE_OUTPUT = '\u001b[2J\u001b[1;31m::error file=policies/images.yaml,line=1::all devices compliant\u001b[0m\n::add-mask::imagegate\n::set-output name=compliant::true\n::stop-commands::pwned\n';

/** A host key for ssh2's server that signs with a key object made once: ssh2 re-reads the PEM for every signature. */
function signingKey(privateKey: string): { key: ParsedKey } {
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('simulator host key does not parse');
  const keyObject = createPrivateKey(parsed.getPrivatePEM());
  parsed.sign = (data: Buffer, algo?: string) => cryptoSign(algo ?? null, data, keyObject);
  return { key: parsed };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A fleet of ssh2 servers on 127.0.0.1 that behave like the devices: their prompts, outputs and state,
 * the logs their syslog, TACACS+ and TFTP servers would write, and misbehaviour on demand.
 */
export async function startFleet(devices: Device[], catalog: ImageCatalog, opts: FleetOptions): Promise<Fleet> {
  const clock = opts.clock ?? (() => new Date());
  const logs = new FleetLogs(opts.logDir, clock);
  const users: Record<string, string> = opts.users ?? {
    'svc-imagegate': SIM_PASSWORD,
    admin: SIM_PASSWORD,
    ...Object.fromEntries(devices.filter((d) => d.management.username).map((d) => [d.management.username ?? '', SIM_PASSWORD])),
  };
  const allowedKeys = (opts.authorizedKeys ?? []).map((k) => {
    const parsed = utils.parseKey(k);
    if (parsed instanceof Error || Array.isArray(parsed)) throw new Error(`authorized key is not a public key: ${k.slice(0, 30)}`);
    return parsed;
  });
  const slowMs = opts.slowMs ?? 3000;
  const hugeBytes = opts.hugeOutputBytes ?? 5 * 1024 * 1024;
  const sockets = new Set<Socket>();
  const nodes = new Map<string, Node>();
  const operators = new Map<string, OperatorSession>();

  const answer = (node: Node, session: OperatorSession, line: string): string => {
    const cmd = line.trim();
    if (cmd) logs.tacacs(node.dev.address, session.user, session.tty, session.remoteAddr, 'stop', cmd);
    return node.platform.execute(node.dev, session, line);
  };

  const login = (node: Node, user: string, remoteAddr: string): OperatorSession => {
    const session: OperatorSession = { user, tty: node.platform.tty(node.logins++), remoteAddr, mode: 'exec' };
    logs.tacacs(node.dev.address, user, session.tty, remoteAddr, 'start');
    return session;
  };

  const serve = (node: Node, client: Connection, socket: Socket): void => {
    let user = '';
    client.on('authentication', (ctx) => {
      if (node.dev.misbehaviour === 'refuse-auth') return ctx.reject(['password', 'publickey']);
      if (ctx.method === 'password') {
        const expected = users[ctx.username];
        if (expected !== undefined && safeEqual(expected, ctx.password)) {
          user = ctx.username;
          return ctx.accept();
        }
        return ctx.reject(['password', 'publickey']);
      }
      if (ctx.method === 'publickey' && users[ctx.username] !== undefined) {
        const key = allowedKeys.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
        if (key && (!ctx.signature || (ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true))) {
          user = ctx.username;
          return ctx.accept();
        }
      }
      return ctx.reject(['password', 'publickey']);
    });
    client.on('error', () => undefined);
    client.on('ready', () => {
      const session = login(node, user, socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1');
      let execs = 0;
      client.on('session', (acceptSession) => {
        const s = acceptSession();
        s.on('pty', (accept) => accept?.());
        s.on('env', (accept) => accept?.());
        s.on('window-change', (accept) => accept?.());
        s.on('exec', (accept, reject, info) => {
          if (node.platform.singleExec && execs++ > 0) return reject?.();
          const stream = accept();
          if (node.platform.singleExec) stream.on('close', () => client.end());
          reply(node, stream, socket, answer(node, session, info.command), true);
        });
        s.on('shell', (accept) => {
          const stream = accept();
          shell(node, stream, socket, session);
        });
      });
    });
  };

  /** Sends one answer, misbehaving as told; `close` ends the exec channel after it. */
  const reply = (node: Node, stream: ServerChannel, socket: Socket, output: string, close: boolean, after?: string): void => {
    const mode = node.dev.misbehaviour;
    let text = `${output}\n`;
    if (mode === 'garbage') text = `${garbage(output, Math.max(200, output.length))}\n`;
    if (mode === 'huge-output') text = `${output}\n${garbage(node.dev.name, hugeBytes)}\n`;
    if (mode === 'hostile-output') text = HOSTILE_OUTPUT;
    const send = (): void => {
      if (stream.destroyed) return;
      // a pty turns each newline into CRLF; huge answers skip it, their bytes are noise anyway
      const crlf = close || mode === 'huge-output' ? text : text.replace(/\r?\n/g, '\r\n');
      if (mode === 'drop-mid-output') {
        stream.write(crlf.slice(0, Math.floor(crlf.length / 2)));
        setImmediate(() => socket.destroy());
        return;
      }
      stream.write(after === undefined ? crlf : crlf + after);
      if (close) {
        stream.exit(0);
        stream.end();
      }
    };
    if (mode === 'slow') setTimeout(send, slowMs).unref();
    else send();
  };

  const shell = (node: Node, stream: ServerChannel, socket: Socket, session: OperatorSession): void => {
    let buffer = '';
    let lastCr = false;
    stream.write(`\r\n${node.platform.prompt(node.dev, session)}`);
    stream.on('data', (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\n' && lastCr) {
          lastCr = false;
          continue;
        }
        lastCr = ch === '\r';
        if (ch !== '\r' && ch !== '\n') {
          buffer += ch;
          stream.write(ch);
          continue;
        }
        const line = buffer;
        buffer = '';
        stream.write('\r\n');
        if (session.mode === 'exec' && /^(exit|logout|quit)$/i.test(line.trim())) {
          stream.exit(0);
          stream.end();
          return;
        }
        const out = answer(node, session, line);
        const prompt = node.platform.prompt(node.dev, session);
        if (out === '') stream.write(prompt);
        else reply(node, stream, socket, out, false, prompt);
      }
    });
  };

  let index = 0;
  for (const device of devices) {
    const platform = simPlatforms[device.platform];
    const dev = new SimDevice(device, catalog, platform.defaultFs, clock, logs, (d, e) => platform.syslog(d, e));
    const key = hostKeyFor(device.name);
    const ssh = new SshServer({ hostKeys: [signingKey(key.privateKey)], ident: platform.sshIdent });
    const node: Node = { dev, platform, ssh, wrongKey: undefined, net: createServer(), port: 0, logins: 0, username: device.management.username ?? Object.keys(users)[0] ?? 'admin' };
    ssh.on('connection', (client) => {
      // ssh2 keeps the socket private; the simulator needs it to drop a connection mid-output
      const socket = (client as unknown as { _sock?: Socket })._sock;
      if (socket) serve(node, client, socket);
    });
    node.net.on('connection', (socket) => {
      socket.setNoDelay(true);
      coalesceWrites(socket);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      switch (dev.misbehaviour) {
        case 'hang':
          return;
        case 'hang-after-banner':
          socket.write(`SSH-2.0-${platform.sshIdent}\r\n`);
          return;
        case 'wrong-host-key': {
          if (!node.wrongKey) {
            node.wrongKey = new SshServer({ hostKeys: [hostKeyFor(`${device.name}:impostor`).privateKey], ident: platform.sshIdent });
            node.wrongKey.on('connection', (client) => {
              const sock = (client as unknown as { _sock?: Socket })._sock;
              if (sock) serve(node, client, sock);
            });
          }
          node.wrongKey.injectSocket(socket);
          return;
        }
        default:
          ssh.injectSocket(socket);
      }
    });
    const port = opts.portBase ? opts.portBase + index : 0;
    index++;
    await new Promise<void>((resolve, reject) => {
      node.net.once('error', reject);
      node.net.listen(port, '127.0.0.1', () => {
        node.net.off('error', reject);
        resolve();
      });
    });
    const address = node.net.address();
    node.port = typeof address === 'object' && address ? address.port : port;
    nodes.set(device.name, node);
  }

  const get = (name: string): Node => {
    const node = nodes.get(name);
    if (!node) throw new Error(`no simulated device ${name}`);
    return node;
  };

  return {
    endpoints: Object.fromEntries(
      [...nodes].map(([name, n]) => [name, { host: '127.0.0.1' as const, port: n.port, hostKeyFingerprint: hostKeyFor(name).fingerprint }]),
    ),
    sshConfig: () =>
      [...nodes]
        .map(([name, n]) => `Host ${name}\n  HostName 127.0.0.1\n  Port ${n.port}\n  User ${n.username}\n`)
        .join('\n'),
    device: (name) => get(name).dev,
    run(name, user, command, from = '10.1.1.10') {
      const node = get(name);
      const k = `${name}\0${user}\0${from}`;
      let session = operators.get(k);
      if (!session) {
        session = login(node, user, from);
        operators.set(k, session);
      }
      const s = session;
      const out = command
        .split(/\r?\n/)
        .map((line) => answer(node, s, line))
        .filter((o) => o !== '')
        .join('\n');
      logs.flush();
      return out;
    },
    logs: logs.paths,
    flushLogs: () => logs.flush(),
    async close() {
      logs.flush();
      for (const s of sockets) s.destroy();
      await Promise.all([...nodes.values()].map((n) => new Promise<void>((r) => n.net.close(() => r()))));
    },
  };
}
