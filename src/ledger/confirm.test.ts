import type { Authorization } from '../model/authorization.js';
import { confirmPullRequests, type AssociatedPull } from './confirm.js';

const AT = '2026-12-05T12:00:00Z';

function auth(commit: string, over: Partial<Authorization> = {}): Authorization {
  return {
    device: 'fra1-core-01',
    from: { image: 'a', boot: null },
    to: { image: 'b', boot: null },
    window: { start: '2026-12-04T01:00:00Z', end: '2026-12-04T03:00:00Z' },
    ticket: 'CHG-1',
    executor: 'svc-imagegate',
    transfer: 'scp',
    commit,
    mergedAt: '2026-12-01T10:00:00Z',
    pr: 12,
    via: 'merge',
    status: 'active',
    ...over,
  };
}

const github = (pulls: Record<string, AssociatedPull[]>) => async (sha: string) => pulls[sha] ?? [];

test('a merge GitHub confirms stays reviewed', async () => {
  const a = auth('c1');
  expect(await confirmPullRequests([a], AT, github({ c1: [{ number: 12, mergedAt: '2026-12-01T10:00:00Z' }] }))).toEqual({ checked: 1, unconfirmed: 0 });
  expect(a.via).toBe('merge');
});

test('a pushed commit titled "Merge pull request #12" that GitHub does not know becomes direct, with the reason', async () => {
  const forged = auth('c2');
  const open = auth('c3', { pr: 13, via: 'squash' });
  const r = await confirmPullRequests([forged, open], AT, github({ c3: [{ number: 13, mergedAt: null }] }));
  expect(r).toEqual({ checked: 2, unconfirmed: 2 });
  expect(forged).toMatchObject({ via: 'direct', prUnconfirmed: expect.stringMatching(/names pull request #12, but GitHub does not list #12 as merged/) });
  expect(open.via).toBe('direct');
});

test('a rebase merge is confirmed by any merged pull request of its commit', async () => {
  const a = auth('c4', { pr: null, via: 'rebase' });
  await confirmPullRequests([a], AT, github({ c4: [{ number: 20, mergedAt: '2026-12-01T10:00:00Z' }] }));
  expect(a.via).toBe('rebase');
  const b = auth('c5', { pr: null, via: 'rebase' });
  await confirmPullRequests([b], AT, github({}));
  expect(b).toMatchObject({ via: 'direct', prUnconfirmed: expect.stringMatching(/no merged pull request/) });
});

test('fails closed: a lookup that fails leaves the change unconfirmed', async () => {
  const a = auth('c6');
  await confirmPullRequests([a], AT, async () => Promise.reject(new Error('502 Bad Gateway')));
  expect(a).toMatchObject({ via: 'direct', prUnconfirmed: expect.stringMatching(/could not confirm .*502/) });
});

test('asks once per commit, and not about history, direct pushes or withdrawn changes', async () => {
  const asked: string[] = [];
  const lookup = async (sha: string) => {
    asked.push(sha);
    return [{ number: 12, mergedAt: '2026-12-01T10:00:00Z' }];
  };
  const old = auth('old', { window: { start: '2026-06-01T01:00:00Z', end: '2026-06-01T03:00:00Z' } });
  await confirmPullRequests([auth('c7'), auth('c7', { device: 'fra1-core-02' }), old, auth('d', { via: 'direct', pr: null }), auth('w', { status: 'withdrawn' })], AT, lookup);
  expect(asked).toEqual(['c7']);
});
