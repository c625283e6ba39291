/**
 * Extends test/workflows.test.ts (actionlint, top-level permissions, no pull_request_target head checkout):
 * every job's token is least privilege, no workflow is triggered by an event that runs with a write token on
 * untrusted code, and no `run:` script splices an expression from the event. Each check is shown to fail on a
 * crafted workflow, so removing a protection from a real workflow would fail here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** Write scopes a job may hold, and why: anything else (contents, actions, id-token, packages...) is refused. */
const ALLOWED_WRITES = new Set(['issues', 'pull-requests']);
/** Triggers that run with a write token or secrets on code or data an outsider controls. */
const UNSAFE_TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'];
/** Event fields an outsider writes (titles, bodies, branch names, commit messages). */
const UNTRUSTED = /\$\{\{[^}]*(github\.event\.|github\.head_ref|inputs\.)[^}]*\}\}/;

function problems(text: string): string[] {
  const wf = obj(load(text));
  const out: string[] = [];
  const on = wf['on'];
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(obj(on));
  for (const t of triggers) if (UNSAFE_TRIGGERS.includes(t)) out.push(`trigger ${t}`);
  const checkPermissions = (where: string, p: unknown): void => {
    if (p === undefined) return;
    if (typeof p === 'string') {
      if (p !== 'read-all' && p !== '{}') out.push(`${where}: permissions ${p}`);
      return;
    }
    for (const [scope, level] of Object.entries(obj(p))) if (level === 'write' && !ALLOWED_WRITES.has(scope)) out.push(`${where}: ${scope}: write`);
  };
  if (wf['permissions'] === undefined) out.push('no top-level permissions');
  checkPermissions('workflow', wf['permissions']);
  for (const [id, j] of Object.entries(obj(wf['jobs']))) {
    const job = obj(j);
    checkPermissions(`job ${id}`, job['permissions']);
    const steps = Array.isArray(job['steps']) ? job['steps'].map(obj) : [];
    for (const [i, step] of steps.entries()) {
      if (UNTRUSTED.test(String(step['run'] ?? ''))) out.push(`job ${id} step ${i}: event expression in run`);
      const uses = String(step['uses'] ?? '');
      // a third-party action runs with the job's token: pin it (actions/* are GitHub's own)
      if (uses !== '' && !uses.startsWith('actions/') && !uses.startsWith('./') && !/@[0-9a-f]{40}$/.test(uses)) out.push(`job ${id} step ${i}: ${uses} not pinned to a commit`);
    }
  }
  return out;
}

const DIR = '.github/workflows';
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

test.each(files)('%s: least-privilege jobs, safe triggers, no event expression in a script', (file) => {
  expect(problems(readFileSync(join(DIR, file), 'utf8'))).toEqual([]);
});

test('each check fails on a workflow that breaks it', () => {
  const bad = `on:
  pull_request_target:
  workflow_run:
    workflows: [x]
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-latest
    permissions:
      contents: write
      id-token: write
      issues: write
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: git checkout "\${{ github.head_ref }}"
      - uses: someone/action@v1
      - uses: someone/pinned@0123456789abcdef0123456789abcdef01234567
`;
  expect(problems(bad)).toEqual([
    'trigger pull_request_target',
    'trigger workflow_run',
    'workflow: permissions write-all',
    'job a: contents: write',
    'job a: id-token: write',
    'job a step 1: event expression in run',
    'job a step 2: event expression in run',
    'job a step 3: someone/action@v1 not pinned to a commit',
  ]);
  expect(problems('on: push\njobs: {}\n')).toEqual(['no top-level permissions']);
});
