/** What the windows workflow must keep: queueing, least privilege, Node 24, event values only through env. */
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

type Obj = Record<string, unknown>;
const text = readFileSync('.github/workflows/windows.yml', 'utf8');
const wf = load(text) as Obj;
const job = (wf['jobs'] as Record<string, Obj>)['open'] as Obj;
const steps = job['steps'] as Obj[];

test('runs on push to main, queues (never cancels) runs, and holds only the permissions it needs', () => {
  expect(wf['on']).toEqual({ push: { branches: ['main'] } });
  expect(wf['concurrency']).toEqual({ group: 'windows-${{ github.ref }}', 'cancel-in-progress': false });
  expect(wf['permissions']).toEqual({ contents: 'read' });
  expect(job['permissions']).toEqual({ contents: 'read', issues: 'write', 'pull-requests': 'write' });
});

test('checks out the full history on Node 24 and runs windows open with the event shas from env', () => {
  const checkout = steps.find((s) => String(s['uses']).startsWith('actions/checkout@'));
  expect((checkout?.['with'] as Obj)['fetch-depth']).toBe(0);
  const node = steps.find((s) => String(s['uses']).startsWith('actions/setup-node@'));
  expect((node?.['with'] as Obj)['node-version']).toBe(24);
  expect(job['env']).toEqual({ BEFORE_SHA: '${{ github.event.before }}', AFTER_SHA: '${{ github.event.after }}' });
  const runs = steps.map((s) => s['run']).filter((r): r is string => typeof r === 'string');
  expect(runs).toContain('node bin/imagegate.js windows open --before "$BEFORE_SHA" --after "$AFTER_SHA" --github');
  for (const r of runs) expect(r).not.toMatch(/\$\{\{/);
});
