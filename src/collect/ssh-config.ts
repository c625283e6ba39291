import { homedir } from 'node:os';
import { InputError } from '../errors.js';

/** What an OpenSSH-style config says about one host; the first value obtained for each key wins, as in ssh(1). */
export interface SshHostConfig {
  hostName?: string;
  port?: number;
  user?: string;
  identityFiles: string[];
}

interface Block {
  patterns: string[];
  /** Compiled once: a fleet-sized config is matched against every device. */
  matchers: Array<{ negated: boolean; re: RegExp }>;
  line: number;
  options: Array<{ key: string; value: string; line: number }>;
}

export interface SshConfig {
  file: string;
  blocks: Block[];
}

const SUPPORTED = new Set(['hostname', 'port', 'user', 'identityfile']);
// keys that change nothing we do; anything else is reported so that a jump host is never silently skipped
const IGNORED = new Set([
  'stricthostkeychecking',
  'userknownhostsfile',
  'loglevel',
  'identitiesonly',
  'serveraliveinterval',
  'serveralivecountmax',
  'connecttimeout',
  'pubkeyacceptedkeytypes',
  'pubkeyacceptedalgorithms',
  'hostkeyalgorithms',
  'kexalgorithms',
  'ciphers',
  'macs',
  'addkeystoagent',
  'forwardagent',
  'compression',
  'preferredauthentications',
  'passwordauthentication',
  'batchmode',
]);

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/**
 * Parses the subset of ssh_config(5) that says where a device is: `Host` blocks (patterns with `*`, `?` and `!`),
 * `HostName`, `Port`, `User`, `IdentityFile`. Unsupported keys that would change the connection (`ProxyJump`,
 * `Match`, `Include`) are errors, not silently ignored.
 */
export function parseSshConfig(text: string, file: string): SshConfig {
  const blocks: Block[] = [{ patterns: ['*'], matchers: compile(['*']), line: 0, options: [] }];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.+)$/.exec(line);
    if (!m) throw new InputError(file, i + 1, `"${line.slice(0, 60)}" has no value`, { hint: 'write "Key value", e.g. "Port 2222"' });
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').trim();
    if (key === 'host') {
      const patterns = value.split(/\s+/).map(unquote);
      blocks.push({ patterns, matchers: compile(patterns), line: i + 1, options: [] });
      return;
    }
    if (SUPPORTED.has(key)) {
      if (key === 'port' && !(/^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535)) throw new InputError(file, i + 1, `Port "${value}" is not a number`, { hint: 'a TCP port, 1-65535' });
      blocks[blocks.length - 1]?.options.push({ key, value: unquote(value), line: i + 1 });
      return;
    }
    if (IGNORED.has(key)) return;
    throw new InputError(file, i + 1, `"${m[1] ?? key}" is not supported in the SSH config`, {
      hint: 'imagegate reads Host, HostName, Port, User and IdentityFile; reach devices behind a jump host from a runner that can reach them',
    });
  });
  return { file, blocks };
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function compile(patterns: string[]): Block['matchers'] {
  return patterns.map((p) => (p.startsWith('!') ? { negated: true, re: globToRegExp(p.slice(1)) } : { negated: false, re: globToRegExp(p) }));
}

function matches(matchers: Block['matchers'], name: string): boolean {
  let matched = false;
  for (const { negated, re } of matchers) {
    if (re.test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** A `Host` line matches when one pattern matches and no negated (`!pattern`) one does. */
export function hostMatches(patterns: string[], name: string): boolean {
  return matches(compile(patterns), name);
}

export function resolveSshHost(config: SshConfig, name: string): SshHostConfig {
  const out: SshHostConfig = { identityFiles: [] };
  for (const block of config.blocks) {
    if (!matches(block.matchers, name)) continue;
    for (const { key, value } of block.options) {
      if (key === 'hostname' && out.hostName === undefined) out.hostName = value.replace(/%h/g, name);
      else if (key === 'port' && out.port === undefined) out.port = Number(value);
      else if (key === 'user' && out.user === undefined) out.user = value;
      else if (key === 'identityfile') out.identityFiles.push(value.replace(/^~(?=\/|$)/, homedir()));
    }
  }
  return out;
}
