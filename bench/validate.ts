/**
 * `imagegate validate` over a generated fleet: 10,000 device files over 40 sites of every platform and a
 * catalog of 300 images, with the example's policies. Timed from the working tree to the problem list (load
 * with a line for every value, schemas, semantic rules), and again from a git ref as the gate reads it. Peer:
 * js-yaml's plain `load` of the same files, with no line map, no schema and no rules: the floor of any
 * YAML-based validator in Node.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { PlatformId } from '../src/model/platform.js';
import { GitRepo } from '../src/git/index.js';
import { loadGitRef, loadWorkingTree } from '../src/repo/index.js';
import { runValidateRules } from '../src/validate/index.js';
import { peakRssMiB, timed, type Benchmark } from './types.js';

const PLATFORMS: Array<{ platform: PlatformId; model: string; file: (v: string) => string; boot: (f: string) => string[] | null; cr?: string }> = [
  { platform: 'cisco_xe', model: 'C9300-48P', file: (v) => `cat9k_iosxe.${v}.SPA.bin`, boot: () => ['flash:packages.conf'], cr: '0x102' },
  { platform: 'cisco_ios', model: 'CISCO2911/K9', file: (v) => `c2900-universalk9-mz.SPA.${v}.bin`, boot: (f) => [`flash:${f}`], cr: '0x2102' },
  { platform: 'cisco_nxos', model: 'N9K-C93180YC-FX', file: (v) => `nxos64-cs.${v}.F.bin`, boot: (f) => [`bootflash:${f}`] },
  { platform: 'arista_eos', model: 'DCS-7050SX3-48YC8', file: (v) => `EOS-${v}F.swi`, boot: (f) => [`flash:/${f}`] },
  { platform: 'juniper_junos', model: 'MX204', file: (v) => `junos-install-mx-x86-64-${v}.tgz`, boot: () => null },
];

export function generateFleet(dir: string, devices: number, images: number): void {
  mkdirSync(join(dir, 'policies'), { recursive: true });
  for (const f of ['change.yaml', 'identities.yaml', 'detection.yaml']) cpSync(join('policies', f), join(dir, 'policies', f));
  const catalog = ['images:'];
  for (let i = 0; i < images; i++) {
    const p = PLATFORMS[i % PLATFORMS.length]!;
    const file = p.file(`${10 + Math.floor(i / PLATFORMS.length)}.${i % 7}.${i % 3}`);
    const hash = (alg: string) => createHash(alg).update(`imagegate-example:${file}`).digest('hex');
    catalog.push(`  - id: img-${i}`, `    platform: ${p.platform}`, `    models: ["${p.model}"]`, `    file: ${file}`, `    version: "${i}"`, '    status: approved', `    sha512: ${hash('sha512')}`, `    sha256: ${hash('sha256')}`);
  }
  writeFileSync(join(dir, 'policies', 'images.yaml'), `${catalog.join('\n')}\n`);
  const sites = ['fra1', 'nyc1', ...Array.from({ length: 38 }, (_, i) => `site${i + 3}`)];
  for (const s of sites) mkdirSync(join(dir, 'devices', s), { recursive: true });
  for (let i = 0; i < devices; i++) {
    const imageIndex = i % images;
    const p = PLATFORMS[imageIndex % PLATFORMS.length]!;
    const file = p.file(`${10 + Math.floor(imageIndex / PLATFORMS.length)}.${imageIndex % 7}.${imageIndex % 3}`);
    const site = sites[i % sites.length]!;
    const name = `${site}-dev-${String(i).padStart(5, '0')}`;
    const lines = [
      '# yaml-language-server: $schema=../../schemas/device.schema.json',
      `name: ${name}`,
      `platform: ${p.platform}`,
      `model: "${p.model}"`,
      `site: ${site}`,
      'role: access',
      `redundancyGroup: ${site}-pair-${Math.floor(i / (2 * sites.length))}`,
      'management:',
      `  host: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      '  port: 22',
      `  hostKey: SHA256:${createHash('sha256').update(name).digest('base64').replace(/=+$/, '')}`,
      'aliases:',
      `  - ${name}.net.example.com`,
      'timezone: Europe/Berlin',
      `image: img-${imageIndex}`,
    ];
    const boot = p.boot(file);
    if (boot) lines.push('boot:', '  system:', ...boot.map((b) => `    - "${b}"`));
    if (boot && p.cr) lines.push(`  configRegister: "${p.cr}"`);
    writeFileSync(join(dir, 'devices', site, `${name}.yaml`), `${lines.join('\n')}\n`);
  }
}

export const validateBenchmark: Benchmark = {
  name: 'validate',
  description: 'imagegate validate (load with line map, schemas, semantic rules) over a generated fleet',
  async run({ scale, workDir, log }) {
    // whole redundancy pairs: 40 sites x 2 members per pair index, so every scale generates a clean fleet
    const devices = Math.max(80, Math.round((10_000 * scale) / 80) * 80);
    const images = 300;
    generateFleet(workDir, devices, images);
    log(`generated ${devices} devices and ${images} images in ${workDir}`);

    const cpu0 = process.cpuUsage();
    const { result, seconds } = await timed(async () => {
      const { model, problems } = await loadWorkingTree(workDir);
      if (!model) throw new Error(`generated fleet does not load: ${JSON.stringify(problems.slice(0, 3))}`);
      return [...problems, ...runValidateRules(model)];
    });
    const cpu = process.cpuUsage(cpu0);
    const peak = peakRssMiB();
    if (result.length > 0) throw new Error(`generated fleet is not clean: ${JSON.stringify(result.slice(0, 3))}`);

    const files = (await import('node:fs')).readdirSync(join(workDir, 'devices'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    const peer = await timed(() => {
      for (const f of files) load(readFileSync(join(workDir, 'devices', f), 'utf8'));
      load(readFileSync(join(workDir, 'policies', 'images.yaml'), 'utf8'));
    });

    // the gate validates a pull request's head tree straight from git, not from a checkout
    const git = (...args: string[]) => execFileSync('git', ['-c', 'gc.auto=0', ...args], { cwd: workDir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.net', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.net' } });
    git('init', '-q', '-b', 'main');
    git('add', 'devices', 'policies');
    git('commit', '-q', '-m', 'fleet');
    const fromGit = await timed(async () => {
      const { model, problems } = await loadGitRef(new GitRepo(workDir), 'main');
      if (!model || problems.length > 0) throw new Error('generated fleet does not load from git');
      return runValidateRules(model);
    });

    const input = `${devices.toLocaleString('en-US')} devices, ${images} images`;
    const wall = Math.round(seconds * 1000) / 1000;
    return [
      { name: 'validate', input, metric: 'wall time', value: wall, unit: 's', target: { text: '< 3 s', met: seconds < 3 }, peer: { name: 'js-yaml load only', value: Math.round(peer.seconds * 1000) / 1000, unit: 's' } },
      // CPU time beside wall time: on a shared machine the wall time says as much about the neighbours
      { name: 'validate', input, metric: 'CPU time (user + system)', value: Math.round((cpu.user + cpu.system) / 1000) / 1000, unit: 's' },
      { name: 'validate', input, metric: 'peak memory', value: peak, unit: 'MiB' },
      { name: 'validate (git ref)', input, metric: 'wall time', value: Math.round(fromGit.seconds * 1000) / 1000, unit: 's', target: { text: '< 3 s', met: fromGit.seconds < 3 } },
    ];
  },
};
