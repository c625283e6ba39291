// ssh2 is CommonJS: Node's ESM loader offers only its default export
import ssh2, { type Client as SshClient, type ConnectConfig } from 'ssh2';

const { Client } = ssh2;
import { fingerprintOf } from './fingerprint.js';

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

/** One SSH connection that runs commands one exec channel at a time, as network devices expect. */
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
      const config: ConnectConfig = {
        host: opts.host,
        port: opts.port,
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
        // each command is a small request and a reply: Nagle would hold them for the peer's delayed ACK
        client.setNoDelay(true);
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
          // a channel that closes without an exit status lost its connection: its output may be cut short
          if (!exited && this.closed) finish(new SessionError('unreachable', `connection lost during "${command}"`));
          else if (!exited) {
            setImmediate(() => {
              if (this.closed) finish(new SessionError('unreachable', `connection lost during "${command}"`));
              else finish(null, Buffer.concat(chunks).toString('utf8'));
            });
          } else finish(null, Buffer.concat(chunks).toString('utf8'));
        });
      });
    });
  }

  close(): void {
    this.client.end();
  }
}
