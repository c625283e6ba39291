/**
 * The gate on a large fleet: 10,000 device files on main and a pull request that upgrades 1,000 of them,
 * each with a change block. Both commits are written by one `git fast-import`. Times `imagegate check`
 * in-process (JSON output), which reads base, merge base and head from git, validates the head and runs
 * every rule. Peer: `git diff --name-status main...pr` plus `git ls-tree -r` of both trees, the git floor
 * any gate built on git trees pays.
 */
import { runCli } from '../src/cli/run.js';
import { memoryIo } from '../src/cli/io.js';
import { GitRepo } from '../src/git/index.js';
import { DETECTION_YAML, IDENTITIES_YAML, IMAGES_YAML } from '../src/gate/fleet-fixture.js';
import { peakRssMiB, timed, type Benchmark } from './types.js';
import { SITES, data, devicePath as pathOf, fastImport } from './fast-import.js';

const FILES: Record<string, string> = { 'c9k-17.09.05': 'cat9k_iosxe.17.09.05.SPA.bin', 'c9k-17.12.04': 'cat9k_iosxe.17.12.04.SPA.bin' };

const CHANGE_YAML = `maintenanceWindows:
  - id: weeknight
    timezone: Europe/Berlin
    days: [tue, thu]
    start: "01:00"
    durationMinutes: 240
freezes: []
maxWindowMinutes: 240
minLeadTimeHours: 48
maxConcurrentPerSite: 10
allowedTransfers: [scp, https]
requiredHashes: [sha512, sha256]
approvals:
  count: 2
  teams: [netops]
  separationOfDuties: true
policyOwners: [policy-owners]
`;

/** Tuesdays and Thursdays after 2026-12-01, 01:00-03:00 Berlin (CET). */
const WINDOWS = ['08', '10', '15', '17'].map((day) => ({ start: `2026-12-${day}T01:00:00+01:00`, end: `2026-12-${day}T03:00:00+01:00` }));

function deviceYaml(i: number, image: string, change: { start: string; end: string } | null): string {
  const site = SITES[i % SITES.length] ?? 'site01';
  const name = `sw-${String(i).padStart(5, '0')}`;
  const key = Buffer.from(name.padEnd(32, '#')).toString('base64').replace(/=+$/, '').slice(0, 43).padEnd(43, 'A');
  const lines = [
    `name: ${name}`,
    'platform: cisco_xe',
    'model: C9300-48P',
    `site: ${site}`,
    'role: access',
    'timezone: Europe/Berlin',
    'management:',
    `  host: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    `  hostKey: SHA256:${key}`,
    `image: ${image}`,
    'boot:',
    '  system:',
    `    - "flash:${FILES[image] ?? ''}"`,
    '  configRegister: "0x2102"',
  ];
  if (change) lines.push('change:', `  ticket: CHG-${i}`, '  window:', `    start: "${change.start}"`, `    end: "${change.end}"`, '  executor: svc-imagegate', '  transfer: scp');
  return `${lines.join('\n')}\n`;
}

async function generate(dir: string, devices: number, touched: number): Promise<void> {
  const stream = fastImport(dir);
  const t = Date.parse('2026-11-30T09:00:00Z') / 1000;
  const parts: string[] = [`commit refs/heads/main\nmark :1\ncommitter Fleet Bot <bot@example.net> ${t} +0000\n`, data('Fleet')];
  const policies: Record<string, string> = {
    'policies/images.yaml': IMAGES_YAML,
    'policies/change.yaml': CHANGE_YAML,
    'policies/identities.yaml': IDENTITIES_YAML,
    'policies/detection.yaml': DETECTION_YAML,
  };
  for (const [path, text] of Object.entries(policies)) parts.push(`M 100644 inline ${path}\n`, data(text));
  for (let i = 0; i < devices; i++) parts.push(`M 100644 inline ${pathOf(i)}\n`, data(deviceYaml(i, 'c9k-17.09.05', null)));
  parts.push(`commit refs/heads/pr\nmark :2\ncommitter Alice Engineer <alice@example.net> ${t + 60} +0000\n`, data('Upgrade 1,000 access switches'), 'from :1\n');
  // 25 devices per site, spread over four windows so that no site exceeds its concurrency
  for (let i = 0; i < touched; i++) {
    parts.push(`M 100644 inline ${pathOf(i)}\n`, data(deviceYaml(i, 'c9k-17.12.04', WINDOWS[Math.floor(i / SITES.length) % WINDOWS.length] ?? null)));
  }
  stream.push(...parts);
  await stream.end();
}

export const checkBenchmark: Benchmark = {
  name: 'check',
  description: 'imagegate check on a PR upgrading 1,000 of 10,000 devices',
  async run({ scale, workDir, log }) {
    const devices = Math.round(10_000 * scale);
    const touched = Math.round(1_000 * scale);
    const gen = await timed(() => generate(workDir, devices, touched));
    log(`generated ${devices} devices and a PR touching ${touched} with git fast-import in ${gen.seconds.toFixed(1)} s`);
    const repo = new GitRepo(workDir);
    const peer = await timed(async () => {
      await repo.raw(['diff', '--name-status', 'main...pr']);
      await repo.raw(['ls-tree', '-r', 'main']);
      await repo.raw(['ls-tree', '-r', 'pr']);
    });
    const io = memoryIo({}, workDir);
    const run = await timed(() => runCli(['check', '--base', 'main', '--head', 'pr', '--at', '2026-12-01T12:00:00Z', '--format', 'json'], io));
    const result = JSON.parse(io.out) as { passed: boolean; changes: unknown[]; errors: number; warnings: number; findings: Array<{ rule: string; message: string }> };
    log(`exit ${run.result}: ${result.changes.length} device changes, ${result.errors} errors, ${result.warnings} warnings`);
    if (result.changes.length !== touched) throw new Error(`expected ${touched} device changes, got ${result.changes.length}`);
    if (result.errors > 0) throw new Error(`the generated PR should pass: ${result.findings.slice(0, 3).map((f) => `${f.rule}: ${f.message}`).join('; ')}`);
    const input = `${touched.toLocaleString('en')} of ${devices.toLocaleString('en')} devices changed`;
    return [
      {
        name: 'check',
        input,
        metric: 'wall time',
        value: Math.round(run.seconds * 100) / 100,
        unit: 's',
        target: { text: '< 5 s', met: run.seconds < 5 },
        peer: { name: 'git diff main...pr + git ls-tree -r of both trees', value: Math.round(peer.seconds * 100) / 100, unit: 's' },
      },
      { name: 'check', input, metric: 'peak memory', value: peakRssMiB(), unit: 'MiB' },
    ];
  },
};
