import { connect as tcpConnect } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import ssh2, { type Client as SshClient, type ClientChannel, type ConnectConfig } from 'ssh2';
import { coalesceWrites } from './coalesce.js';
import { fingerprintOf } from './fingerprint.js';

// ssh2 is CommonJS: Node's ESM loader offers only its default export
const { Client } = ssh2;

export type SessionFailure = 'unreachable' | 'auth-failed' | 'host-key-mismatch' | 'timeout';

/** A failure to connect or to finish a command, with the reason collection records. */
export class SessionError extends Error {
  constructor(
    readonly reason: SessionFailure | 'output-too-large',
    message: string,
    readonly presentedHostKey?: string,
  ) {
    super(message);
  }
}

export interface ConnectOptions {
  host: string;
  port: number;
  username: string;
  /** Pinned `SHA256:...` fingerprint; any other key is refused before authentication. */
  hostKey: string;
  password?: string;
  privateKey?: Buffer;
  passphrase?: string;
  agent?: string;
  timeoutMs: number;
}

/** One SSH connection to a device: commands one exec channel at a time, or an interactive session (`shell`). */
export class DeviceSession {
  private closed = false;
  private constructor(private readonly client: SshClient) {
    client.on('close', () => (this.closed = true));
  }

  static connect(opts: ConnectOptions): Promise<DeviceSession> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      let presented: string | undefined;
      let settled = false;
      const fail = (err: SessionError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.destroy();
        reject(err);
      };
      // readyTimeout only covers the handshake once the banner arrived; this covers a silent TCP peer too
      const timer = setTimeout(() => fail(new SessionError('timeout', `no SSH session within ${opts.timeoutMs / 1000} s`)), opts.timeoutMs);
      client.on('ready', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(new DeviceSession(client));
      });
      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (presented !== undefined && presented !== opts.hostKey) {
          fail(new SessionError('host-key-mismatch', `host key ${presented} does not match the pinned ${opts.hostKey}`, presented));
        } else if (err.level === 'client-authentication') {
          fail(new SessionError('auth-failed', `authentication as ${opts.username} failed`));
        } else if (err.level === 'client-timeout') {
          fail(new SessionError('timeout', 'SSH handshake timed out'));
        } else {
          fail(new SessionError('unreachable', err.code ? `${err.code}: ${err.message}` : err.message));
        }
      });
      client.on('close', () => fail(new SessionError('unreachable', 'connection closed before the session was ready')));
      // our own socket: Nagle off (each command is a small request and a reply) and one write per event-loop turn
      const sock = coalesceWrites(tcpConnect({ host: opts.host, port: opts.port }));
      sock.setNoDelay(true);
      const config: ConnectConfig = {
        sock,
        username: opts.username,
        readyTimeout: opts.timeoutMs,
        hostVerifier: (key: Buffer) => {
          presented = fingerprintOf(key);
          return presented === opts.hostKey;
        },
        ...(opts.password !== undefined ? { password: opts.password } : {}),
        ...(opts.privateKey !== undefined ? { privateKey: opts.privateKey } : {}),
        ...(opts.passphrase !== undefined ? { passphrase: opts.passphrase } : {}),
        ...(opts.agent !== undefined ? { agent: opts.agent } : {}),
      };
      try {
        client.connect(config);
      } catch (err: unknown) {
        fail(new SessionError('unreachable', err instanceof Error ? err.message : String(err)));
      }
    });
  }

  /** Runs one command; rejects on timeout, a lost connection, or output beyond `maxBytes`. */
  exec(command: string, timeoutMs: number, maxBytes: number): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new SessionError('unreachable', `connection lost before "${command}"`));
      let done = false;
      const finish = (err: SessionError | null, out?: string): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(out ?? '');
      };
      const timer = setTimeout(() => finish(new SessionError('timeout', `"${command}" did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
      this.client.exec(command, (err, stream) => {
        if (err) return finish(new SessionError('unreachable', `"${command}": ${err.message}`));
        const chunks: Buffer[] = [];
        let size = 0;
        let exited = false;
        const take = (b: Buffer): void => {
          size += b.length;
          if (size > maxBytes) {
            stream.close();
            finish(new SessionError('output-too-large', `"${command}" printed more than ${maxBytes} bytes`));
            return;
          }
          chunks.push(b);
        };
        stream.on('data', take);
        stream.stderr.on('data', take);
        stream.on('exit', () => (exited = true));
        stream.on('close', () => {
          const output = (): string => Buffer.concat(chunks).toString('utf8');
          if (exited) return finish(null, output());
          // no exit status: either a device that sends none, or a lost connection whose output may be cut short;
          // the connection's own close event comes in the same turn
          setImmediate(() => (this.closed ? finish(new SessionError('unreachable', `connection lost during "${command}"`)) : finish(null, output())));
        });
      });
    });
  }

  /** Opens an interactive CLI session and waits for the first prompt, which every later answer must end with. */
  shell(prompt: RegExp, timeoutMs: number): Promise<ShellSession> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new SessionError('unreachable', 'connection lost before the shell opened'));
      const timer = setTimeout(() => reject(new SessionError('timeout', `no prompt within ${timeoutMs / 1000} s`)), timeoutMs);
      this.client.shell({ term: 'vt100', cols: 511, rows: 24 }, (err, stream) => {
        if (err) {
          clearTimeout(timer);
          return reject(new SessionError('unreachable', `shell: ${err.message}`));
        }
        const shell = new ShellSession(stream, prompt);
        shell.ready(timeoutMs).then(
          () => {
            clearTimeout(timer);
            resolve(shell);
          },
          (e: unknown) => {
            clearTimeout(timer);
            reject(e);
          },
        );
      });
    });
  }

  close(): void {
    this.client.end();
  }
}

interface Waiter {
  command: string | null;
  maxBytes: number;
  resolve: (out: string) => void;
  reject: (err: SessionError) => void;
}

/**
 * A CLI session in a pty, as an engineer types: a command, its echo, its output, the prompt again. The prompt
 * learned at login (`sw-01#`, `user@r1> `) must end the output, so that a prompt-like line inside an output
 * cut at a packet boundary is not mistaken for the end.
 */
export class ShellSession {
  private buffer = '';
  private size = 0;
  private promptLine: string | null = null;
  private waiter: Waiter | null = null;
  private closed = false;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly stream: ClientChannel,
    private readonly prompt: RegExp,
  ) {
    const take = (b: Buffer): void => {
      this.size += b.length;
      this.buffer += this.decoder.write(b);
      this.check();
    };
    stream.on('data', take);
    stream.stderr.on('data', take);
    stream.on('close', () => {
      this.closed = true;
      this.waiter?.reject(new SessionError('unreachable', `connection lost during "${this.waiter.command ?? 'login'}"`));
      this.waiter = null;
    });
  }

  ready(timeoutMs: number): Promise<void> {
    return this.wait(null, timeoutMs, 1024 * 1024).then(() => undefined);
  }

  run(command: string, timeoutMs: number, maxBytes: number): Promise<string> {
    const answer = this.wait(command, timeoutMs, maxBytes);
    this.stream.write(`${command}\n`);
    return answer;
  }

  close(): void {
    if (!this.closed) this.stream.end('exit\n');
  }

  private wait(command: string | null, timeoutMs: number, maxBytes: number): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new SessionError('unreachable', `connection lost before "${command ?? 'login'}"`));
      this.buffer = '';
      this.size = 0;
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new SessionError('timeout', command ? `"${command}" did not finish within ${timeoutMs / 1000} s` : `no prompt within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiter = {
        command,
        maxBytes,
        resolve: (out) => {
          clearTimeout(timer);
          resolve(out);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.check();
    });
  }

  private check(): void {
    const w = this.waiter;
    if (!w) return;
    if (this.size > w.maxBytes) {
      this.waiter = null;
      this.stream.close();
      w.reject(new SessionError('output-too-large', `"${w.command ?? 'login'}" printed more than ${w.maxBytes} bytes`));
      return;
    }
    // only the tail decides whether the prompt came back: output arrives in many chunks and can be megabytes long
    const cut = this.buffer.lastIndexOf('\n');
    const last = this.buffer.slice(cut + 1).replace(/\r/g, '').trimEnd();
    if (w.command === null) {
      if (!this.prompt.test(this.buffer.slice(-512).replace(/\r/g, ''))) return;
      this.promptLine = last;
      this.waiter = null;
      w.resolve('');
      return;
    }
    if (cut < 0 || last !== this.promptLine) return;
    const lines = this.buffer.slice(0, cut).replace(/\r/g, '').split('\n');
    // the device echoes what was typed; a device that does not echo loses no output line
    if (lines[0]?.trim().endsWith(w.command)) lines.shift();
    this.waiter = null;
    w.resolve(lines.join('\n'));
  }
}
