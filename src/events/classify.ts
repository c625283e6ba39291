import type { TransferProtocol } from '../model/device.js';
import type { EventKind } from '../model/event.js';
import type { CommandPattern, DetectionPolicy } from '../model/policy.js';

/**
 * Keywords per position, the way an IOS-like parser sees them: a token expands to the one keyword it is a
 * unique prefix of (`conf t` -> `configure terminal`, `boot sys` -> `boot system`, `rel` -> `reload`). The table
 * holds the exec and configuration keywords that share prefixes with the ones we classify, so that an
 * ambiguous abbreviation (`co`, `re`) stays unexpanded, as on the device. `{}` marks a keyword whose
 * remaining tokens are arguments.
 */
interface KeywordNode {
  [keyword: string]: KeywordNode;
}

const LEAF: KeywordNode = {};

/** Exec (privileged) mode, where transfers, reloads and verification are typed; Junos operational mode too. */
const EXEC_KEYWORDS: KeywordNode = {
  archive: { 'download-sw': LEAF, 'upload-sw': LEAF, tar: LEAF, config: LEAF, log: LEAF },
  cd: LEAF, clear: LEAF, clock: LEAF,
  configure: { terminal: LEAF, memory: LEAF, network: LEAF, replace: LEAF, session: LEAF, overwrite: LEAF, private: LEAF, exclusive: LEAF },
  connect: LEAF, copy: LEAF, debug: LEAF, delete: LEAF, dir: LEAF, disable: LEAF, disconnect: LEAF,
  enable: LEAF, erase: LEAF, exit: LEAF,
  file: { copy: LEAF, checksum: { md5: LEAF, 'sha-256': LEAF, sha1: LEAF }, delete: LEAF, list: LEAF, show: LEAF, rename: LEAF },
  format: LEAF, fsck: LEAF, gdb: LEAF,
  install: { add: { file: LEAF }, activate: LEAF, commit: LEAF, remove: LEAF, rollback: LEAF, all: LEAF, abort: LEAF, deactivate: LEAF, bootloader: LEAF },
  license: LEAF, logout: LEAF, mkdir: LEAF, monitor: LEAF, more: LEAF, ping: LEAF,
  reload: { in: LEAF, at: LEAF, cancel: LEAF, now: LEAF, power: LEAF, force: LEAF, module: LEAF },
  rename: LEAF,
  request: {
    system: {
      software: { add: LEAF, delete: LEAF, rollback: LEAF, validate: LEAF, 'in-service-upgrade': LEAF },
      reboot: LEAF, halt: LEAF, 'power-off': LEAF, snapshot: LEAF, zeroize: LEAF, configuration: LEAF, storage: LEAF,
    },
    platform: { software: { package: LEAF, system: LEAF } },
    chassis: LEAF,
  },
  reset: LEAF, resume: LEAF, rmdir: LEAF, rollback: LEAF, run: LEAF, send: LEAF, setup: LEAF,
  show: { memory: LEAF, version: LEAF, 'running-config': LEAF, 'startup-config': LEAF, file: LEAF, boot: LEAF, bootvar: LEAF, interfaces: LEAF, ip: LEAF, logging: LEAF, flash: LEAF, install: LEAF, clock: LEAF, users: LEAF, system: LEAF, inventory: LEAF, vlan: LEAF },
  squeeze: LEAF, ssh: LEAF, start: LEAF, tclsh: LEAF, telnet: LEAF, terminal: LEAF, test: LEAF, traceroute: LEAF,
  undebug: LEAF, upgrade: { 'rom-monitor': LEAF, 'hw-programmable': LEAF, fpd: LEAF },
  verify: LEAF,
  write: { memory: LEAF, erase: LEAF, terminal: LEAF, network: LEAF },
};

/** Global configuration mode (what the configuration logger records), and ROMMON's `confreg`. */
const CONFIG_KEYWORDS: KeywordNode = {
  aaa: LEAF, 'access-list': LEAF, alias: LEAF, archive: LEAF, banner: LEAF, bfd: LEAF,
  boot: { system: LEAF, nxos: LEAF, kickstart: LEAF, config: LEAF, host: LEAF, network: LEAF, bootldr: LEAF, manual: LEAF, 'boot-loader': LEAF },
  'boot-start-marker': LEAF, 'boot-end-marker': LEAF, 'class-map': LEAF, clock: LEAF,
  'config-register': LEAF, confreg: LEAF, crypto: LEAF, end: LEAF, event: LEAF, exit: LEAF,
  hostname: LEAF, interface: LEAF, ip: LEAF, ipv6: LEAF, license: LEAF, line: LEAF, logging: LEAF, ntp: LEAF,
  'policy-map': LEAF, router: LEAF,
  service: { internal: LEAF, 'password-encryption': LEAF, timestamps: LEAF, 'tcp-keepalives-in': LEAF, 'tcp-keepalives-out': LEAF },
  set: LEAF, 'snmp-server': LEAF, 'spanning-tree': LEAF, username: LEAF, vlan: LEAF,
};

/** `do X` runs an exec command from configuration mode; `no X` and `default X` undo configuration. */
const PREFIXES: Record<string, KeywordNode> = { do: EXEC_KEYWORDS, no: CONFIG_KEYWORDS, default: CONFIG_KEYWORDS };
const FIRST_TABLES = [EXEC_KEYWORDS, { ...CONFIG_KEYWORDS, ...PREFIXES }];

/**
 * Expands IOS-style abbreviations by unique prefix, keyword position by keyword position. Arguments (anything
 * past a leaf keyword, or a token no keyword matches uniquely) are kept as typed.
 */
export function expandCommand(command: string): string[] {
  const tokens = command.trim().split(/\s+/).filter((t) => t !== '');
  const out: string[] = [];
  let node: KeywordNode | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const lower = token.toLowerCase();
    let keyword: string | null = null;
    if (i === 0 || (i === 1 && out[0] !== undefined && Object.hasOwn(PREFIXES, out[0]))) {
      // a logged line may come from either mode: exec first (as typed at the prompt), then configuration
      const tables = i === 0 ? FIRST_TABLES : [PREFIXES[out[0] ?? ''] ?? CONFIG_KEYWORDS];
      for (const table of tables) {
        keyword = unique(table, lower);
        if (keyword !== null) {
          node = i === 0 && Object.hasOwn(PREFIXES, keyword) ? null : (table[keyword] ?? null);
          break;
        }
      }
      if (keyword !== null && i === 0 && Object.hasOwn(PREFIXES, keyword)) {
        out.push(keyword);
        continue;
      }
    } else if (node !== null) {
      keyword = unique(node, lower);
      node = keyword === null ? null : (node[keyword] ?? null);
    }
    if (keyword === null) {
      out.push(token);
      node = null;
      continue;
    }
    out.push(keyword);
    if (node !== null && Object.keys(node).length === 0) node = null;
  }
  return out;
}

/** Whether a word is (an abbreviation of) a command keyword, as opposed to, say, a user name. */
export function isCommandWord(word: string): boolean {
  const lower = word.toLowerCase();
  return FIRST_TABLES.some((t) => unique(t, lower) !== null);
}

function unique(table: KeywordNode, token: string): string | null {
  if (Object.hasOwn(table, token)) return token;
  let found: string | null = null;
  for (const k of Object.keys(table)) {
    if (k.startsWith(token)) {
      if (found !== null) return null;
      found = k;
    }
  }
  return found;
}

/** The built-in risky command patterns; `policies/detection.yaml` overrides them by id and adds its own. */
export const DEFAULT_RISKY: readonly CommandPattern[] = [
  { id: 'debug', pattern: '^\\s*debug\\s+(?!ip\\s+(packet|routing)\\b)', severity: 'medium', description: 'Debug beyond routine troubleshooting.' },
  { id: 'gdb', pattern: '^\\s*gdb\\b', severity: 'critical', description: 'The GNU debugger on the device.' },
  { id: 'test', pattern: '^\\s*test\\s+', severity: 'high', description: 'Hidden test commands.' },
  { id: 'service-internal', pattern: '^\\s*service\\s+internal\\b', severity: 'high', description: 'Unlocks hidden commands.' },
  { id: 'tclsh', pattern: '^\\s*tclsh\\b', severity: 'medium', description: 'A Tcl shell on the device.' },
  { id: 'copy-system-text', pattern: 'copy\\s+system:/?text', severity: 'critical', description: 'Copying the text segment of the running image.' },
  { id: 'show-memory-text', pattern: '^\\s*show\\s+memory\\b.*\\btext\\b', severity: 'high', description: 'Reading the memory that holds the running code.' },
  { id: 'config-register', pattern: '^\\s*config-register\\s+0x', severity: 'high', description: 'Changes how the device boots.' },
  { id: 'rommon', pattern: '^\\s*(confreg|rommon|boot\\s+rom)\\b', severity: 'critical', description: 'ROMMON access.' },
  {
    id: 'boot-loader-upgrade',
    pattern: '(upgrade\\s+rom-monitor|upgrade\\s+hw-programmable|install\\s+bootloader|boot-loader\\s+upgrade)',
    severity: 'critical',
    description: 'Rewrites the boot loader.',
  },
];

export interface Classification {
  kind: EventKind;
  file?: string;
  protocol?: TransferProtocol;
  direction?: 'upload' | 'download';
  pattern?: string;
}

interface CompiledPolicy {
  risky: { id: string; re: RegExp }[];
  allowed: string[];
}

const compiled = new WeakMap<object, CompiledPolicy>();
const NO_POLICY = {};

function compile(policy: DetectionPolicy | undefined): CompiledPolicy {
  const key = policy ?? NO_POLICY;
  const hit = compiled.get(key);
  if (hit) return hit;
  const byId = new Map<string, CommandPattern>();
  for (const p of DEFAULT_RISKY) byId.set(p.id, p);
  for (const p of policy?.riskyCommands ?? []) byId.set(p.id, p);
  const risky: { id: string; re: RegExp }[] = [];
  for (const p of byId.values()) {
    try {
      risky.push({ id: p.id, re: new RegExp(p.pattern, 'i') });
    } catch {
      // the loader validates patterns; one that slipped through must not take the rest down
    }
  }
  const allowed = (policy?.allowedCommands ?? []).map((c) => expandCommand(c).join(' ').toLowerCase());
  const result = { risky, allowed };
  compiled.set(key, result);
  return result;
}

const NETWORK_SCHEMES: Record<string, TransferProtocol | null> = {
  tftp: 'tftp', ftp: 'ftp', scp: 'scp', sftp: 'sftp', http: 'http', https: 'https', rcp: null,
};

interface Location {
  network: boolean;
  protocol: TransferProtocol | null;
  scheme: string;
  /** Base name of the file, when the location names one. */
  file: string | null;
}

/** `tftp://10.0.0.5/images/x.bin` -> tftp, x.bin; `flash:x.bin` -> local, x.bin; `tftp:` -> tftp, no file. */
function locate(arg: string): Location {
  const m = /^([a-z][a-z0-9-]*):(.*)$/i.exec(arg);
  const scheme = m ? (m[1] ?? '').toLowerCase() : '';
  let rest = m ? (m[2] ?? '') : arg;
  const network = Object.hasOwn(NETWORK_SCHEMES, scheme);
  if (network && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  const base = rest.split(/[/\\]/).pop() ?? '';
  return { network, protocol: network ? (NETWORK_SCHEMES[scheme] ?? null) : null, scheme, file: base === '' ? null : base };
}

/** Base name of an image path (`bootflash:/nxos.9.3.10.bin` -> `nxos.9.3.10.bin`), or null when it names a folder only. */
export function imageFile(arg: string): string | null {
  return locate(arg).file;
}

const CONFIG_FILES = /^(running-config|startup-config|system:\/?running-config|nvram:\/?startup-config)$/i;

/** `run` and `start` are expanded in `copy` like keywords, though they are file names. */
function configFile(arg: string): string {
  const lower = arg.toLowerCase();
  if (lower.length >= 3 && 'running-config'.startsWith(lower)) return 'running-config';
  if (lower.length >= 3 && 'startup-config'.startsWith(lower)) return 'startup-config';
  return arg;
}

/** Arguments, without option switches (`/verify`, `/overwrite`) but keeping Junos paths. */
function args(tokens: string[], from: number): string[] {
  return tokens
    .slice(from)
    .filter((t) => !t.startsWith('/') || t.includes(':') || /^\/(var|tmp|config|mnt|cf|altconfig|packages)\//.test(t))
    .map(configFile);
}

function transfer(src: string, dst: string): Classification | null {
  if (CONFIG_FILES.test(dst)) return { kind: 'config-change' };
  const from = locate(src);
  const to = locate(dst);
  // system: is the running image's memory, not a file: copying it out is the risky pattern's business
  if (from.scheme === 'system' || to.scheme === 'system') return null;
  if (from.network && !to.network) {
    const file = from.file ?? to.file;
    return { kind: 'transfer', direction: 'download', ...(from.protocol ? { protocol: from.protocol } : {}), ...(file ? { file } : {}) };
  }
  if (!from.network && to.network) {
    const file = from.file ?? to.file;
    return { kind: 'transfer', direction: 'upload', ...(to.protocol ? { protocol: to.protocol } : {}), ...(file ? { file } : {}) };
  }
  return null;
}

function fromPath(kind: EventKind, arg: string | undefined): Classification {
  if (arg === undefined) return { kind };
  const at = locate(arg);
  if (at.network) {
    return { kind: 'transfer', direction: 'download', ...(at.protocol ? { protocol: at.protocol } : {}), ...(at.file ? { file: at.file } : {}) };
  }
  return at.file ? { kind, file: at.file } : { kind };
}

function structural(t: string[]): Classification {
  const [a] = t;
  const negated = a === 'no' || a === 'default';
  const w = a === 'no' || a === 'do' || a === 'default' ? t.slice(1) : t;
  const [k0, k1, k2, k3] = w;
  switch (k0) {
    case 'copy': {
      const [src, dst] = args(w, 1);
      if (src && /^(running-config|system:\/?running-config)$/i.test(src) && dst && /startup-config$/i.test(dst)) return { kind: 'config-change' };
      if (src && dst) return transfer(src, dst) ?? { kind: 'other' };
      if (src) return transfer(src, 'flash:') ?? { kind: 'other' };
      return { kind: 'other' };
    }
    case 'file':
      if (k1 === 'copy') {
        const [src, dst] = args(w, 2);
        return src && dst ? (transfer(src, dst) ?? { kind: 'other' }) : { kind: 'other' };
      }
      if (k1 === 'checksum') return fromPath('verify', args(w, 3)[0]);
      return { kind: 'other' };
    case 'archive':
      if (k1 === 'download-sw') return fromPath('transfer', args(w, 2).pop());
      return { kind: 'other' };
    case 'install':
      if (k1 === 'add' && k2 === 'file') return fromPath('install', w[3]);
      if (k1 === 'all') return fromPath('install', w.slice(2).filter((x) => x.includes(':') || x.includes('/')).pop());
      if (k1 === 'bootloader') return { kind: 'risky-command' };
      return k1 === undefined ? { kind: 'other' } : { kind: 'install' };
    case 'request':
      if (k1 === 'system' && k2 === 'software' && k3 === 'add') return fromPath('install', args(w, 4).find((x) => /[/:]/.test(x)));
      if (k1 === 'system' && k2 === 'software') return { kind: 'install' };
      if (k1 === 'system' && (k2 === 'reboot' || k2 === 'halt' || k2 === 'power-off')) return { kind: 'reload' };
      if (k1 === 'platform' && k2 === 'software') return { kind: 'install' };
      return { kind: 'other' };
    case 'boot':
      if (k1 === 'system' || k1 === 'nxos' || k1 === 'kickstart') {
        const file = w.slice(2).filter((x) => !/^(flash|tftp|switch|all|sup-\d|sup-standby|sup-active|\d+)$/i.test(x)).pop();
        return file && !negated ? fromBoot(file) : { kind: 'boot-change' };
      }
      return { kind: 'other' };
    case 'config-register':
    case 'confreg':
      return { kind: 'config-register' };
    case 'reload':
      if (k1 === 'cancel') return { kind: 'other' };
      return { kind: 'reload' };
    case 'verify': {
      const target = args(w, 1)[0] ?? w.filter((x) => x.includes(':')).pop();
      return target ? fromPath('verify', target) : { kind: 'verify' };
    }
    case 'show':
      if (k1 === 'file' && /sum$/i.test(w[w.length - 1] ?? '')) return fromPath('verify', w[2]);
      return { kind: 'other' };
    case 'write':
      if (k1 === undefined || k1 === 'memory') return { kind: 'config-change' };
      return { kind: 'other' };
    default:
      return { kind: 'other' };
  }
}

function fromBoot(arg: string): Classification {
  const file = imageFile(arg);
  return file ? { kind: 'boot-change', file } : { kind: 'boot-change' };
}

/**
 * What a command typed on a device amounts to: an image transfer, a boot change, a config register change, a
 * reload, an install, a verification, a risky command (by the detection policy's patterns), or `other`.
 * Abbreviations are expanded as IOS does before anything is matched.
 */
export function classifyCommand(command: string, policy?: DetectionPolicy): Classification {
  const tokens = expandCommand(command);
  const expanded = tokens.join(' ');
  const result = structural(tokens);
  const { risky, allowed } = compile(policy);
  const lower = expanded.toLowerCase();
  if (!allowed.some((a) => lower === a || lower.startsWith(`${a} `))) {
    const hit = risky.find((r) => r.re.test(expanded) || r.re.test(command));
    if (hit) {
      if (result.kind === 'other') return { kind: 'risky-command', pattern: hit.id };
      return { ...result, pattern: hit.id };
    }
  }
  return result;
}
