/**
 * The ledger over a long history: 10,000 device files, then 5,000 pull requests merged with merge commits, each
 * upgrading one device with a change window. The history is written by one `git fast-import`, so generating it
 * takes seconds, not 10,000 `git commit` calls. Peer: `git log` alone over the same history (the floor any
 * ledger built on git's own history walk pays).
 */
import { GitRepo } from '../src/git/index.js';
import { buildLedger } from '../src/ledger/index.js';
import { peakRssMiB, timed, type Benchmark } from './types.js';
import { SITES, data, devicePath as pathOf, fastImport } from './fast-import.js';

// 40 sites of 250 devices: a large fleet's shape (one folder per site)
const IMAGES = ['c9k-17.09.05', 'c9k-17.12.04', 'c9k-17.15.01'];

function deviceYaml(i: number, image: string, change: { ticket: string; start: string; end: string } | null): string {
  const site = SITES[i % SITES.length] ?? 'fra1';
  const name = `sw-${String(i).padStart(5, '0')}`;
  const lines = [
    '# yaml-language-server: $schema=../../schemas/device.schema.json',
    `name: ${name}`,
    'platform: cisco_xe',
    'model: C9300-48P',
    `site: ${site}`,
    'role: access',
    'timezone: Europe/Berlin',
    'management:',
    `  host: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    '  hostKey: SHA256:2sVw1bq4nqzcW3H0CzvV0fGxS2m4y8Jtq0w3j0Yb7mE',
    `image: ${image}`,
    'boot:',
    '  system:',
    '    - flash:packages.conf',
    '  configRegister: "0x2102"',
  ];
  if (change) {
    lines.push('change:', `  ticket: ${change.ticket}`, '  window:', `    start: "${change.start}"`, `    end: "${change.end}"`, '  executor: svc-imagegate', '  transfer: scp');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the whole history through one fast-import stream. */
async function generate(dir: string, devices: number, merges: number): Promise<void> {
  const stream = fastImport(dir);
  const parts: string[] = [];
  const who = (name: string, email: string, t: number): string => `${name} <${email}> ${t} +0000`;
  let t = Date.parse('2026-01-01T00:00:00Z') / 1000;
  let mark = 1;
  const image = new Array<number>(devices).fill(0);
  parts.push(`commit refs/heads/main\nmark :${mark}\n`, `author ${who('Fleet Bot', 'bot@example.net', t)}\n`, `committer ${who('Fleet Bot', 'bot@example.net', t)}\n`, data('Initial fleet'));
  for (let i = 0; i < devices; i++) parts.push(`M 100644 inline ${pathOf(i)}\n`, data(deviceYaml(i, IMAGES[0] ?? '', null)));
  let main = mark;
  for (let n = 0; n < merges; n++) {
    const d = (n * 7919) % devices;
    image[d] = ((image[d] ?? 0) + 1) % IMAGES.length;
    const start = new Date((t + 7 * 86400) * 1000).toISOString().replace('.000Z', 'Z');
    const end = new Date((t + 7 * 86400 + 4 * 3600) * 1000).toISOString().replace('.000Z', 'Z');
    const content = deviceYaml(d, IMAGES[image[d] ?? 0] ?? '', { ticket: `CHG-${n}`, start, end });
    t += 60;
    const branch = ++mark;
    parts.push(`commit refs/heads/pr\nmark :${branch}\n`, `author ${who('Alice Engineer', 'alice@example.net', t)}\n`, `committer ${who('Alice Engineer', 'alice@example.net', t)}\n`, data(`Upgrade sw-${d}`), `from :${main}\n`, `M 100644 inline ${pathOf(d)}\n`, data(content));
    t += 60;
    const merge = ++mark;
    parts.push(`commit refs/heads/main\nmark :${merge}\n`, `author ${who('Alice Engineer', 'alice@example.net', t)}\n`, `committer ${who('GitHub', 'noreply@github.com', t)}\n`, data(`Merge pull request #${n + 1} from example/up-${n}\n\nUpgrade sw-${d}`), `from :${main}\n`, `merge :${branch}\n`, `M 100644 inline ${pathOf(d)}\n`, data(content));
    main = merge;
    stream.push(...parts.splice(0));
  }
  stream.push(...parts);
  await stream.end();
}

export const ledgerBenchmark: Benchmark = {
  name: 'ledger',
  description: 'buildLedger over a first-parent history of 5,000 PR merges touching 10,000 device files',
  async run({ scale, workDir, log }) {
    const devices = Math.round(10_000 * scale);
    const merges = Math.round(5_000 * scale);
    const gen = await timed(() => generate(workDir, devices, merges));
    log(`generated ${merges} merges over ${devices} devices with git fast-import in ${gen.seconds.toFixed(1)} s`);
    const repo = new GitRepo(workDir);
    const peer = await timed(() => repo.raw(['log', '--first-parent', '--diff-merges=first-parent', '--name-status', '--format=%H', 'main']));
    const run = await timed(() => buildLedger(repo, { ref: 'main' }));
    const ledger = run.result;
    log(`${ledger.authorizations.length} authorizations, ${ledger.problems.length} problems`);
    if (ledger.authorizations.length !== merges) throw new Error(`expected ${merges} authorizations, got ${ledger.authorizations.length}`);
    const input = `${merges.toLocaleString('en')} merges, ${devices.toLocaleString('en')} devices`;
    return [
      {
        name: 'ledger',
        input,
        metric: 'wall time',
        value: Math.round(run.seconds * 100) / 100,
        unit: 's',
        target: { text: '< 10 s', met: run.seconds < 10 },
        peer: { name: 'git log --first-parent --name-status alone', value: Math.round(peer.seconds * 100) / 100, unit: 's' },
      },
      { name: 'ledger', input, metric: 'peak memory', value: peakRssMiB(), unit: 'MiB' },
    ];
  },
};
