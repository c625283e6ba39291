import { createRequire } from 'node:module';
import { parseGateEvent } from './event.js';

interface WebhookExample {
  name: string;
  examples: Array<Record<string, unknown>>;
}
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];
const of = (name: string) => examples.find((e) => e.name === name)?.examples ?? [];

test.each(of('pull_request').map((e) => [e['action'], e] as const))('pull_request.%s names the PR, its head, base and labels', (_action, payload) => {
  const pr = payload['pull_request'] as { number: number; head: { sha: string }; base: { sha: string }; labels: Array<{ name: string }>; user: { login: string } };
  const e = parseGateEvent(payload, 'pull_request');
  expect(e).toMatchObject({ kind: 'pull_request', base: pr.base.sha, head: pr.head.sha });
  expect(e.pr).toEqual({ number: pr.number, author: pr.user.login, labels: pr.labels.map((l) => l.name), headSha: pr.head.sha });
  expect(e.repo).not.toBeNull();
});

test.each(of('pull_request_review').map((e) => [e['action'], e] as const))('pull_request_review.%s is judged like its pull request', (_action, payload) => {
  const e = parseGateEvent(payload, 'pull_request_review');
  expect(e.kind).toBe('pull_request');
  expect(e.pr?.number).toBe((payload['pull_request'] as { number: number }).number);
});

test('merge_group names base, head and the PR from the queue branch', () => {
  const [payload] = of('merge_group');
  const e = parseGateEvent(payload, 'merge_group');
  expect(e).toMatchObject({ kind: 'merge_group', base: '380387fbc80638b734a49e1be1c4dfec1c01b33c', head: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d', pr: { number: 104 } });
});

test('other events and junk name nothing, so the gate cannot be fooled into judging an empty range', () => {
  expect(parseGateEvent(of('push')[0], 'push')).toMatchObject({ kind: 'other', base: null, head: null, pr: null });
  expect(parseGateEvent('nonsense')).toMatchObject({ kind: 'other', base: null, head: null });
  expect(parseGateEvent({ pull_request: { number: '7', head: { sha: 42 } } }, 'pull_request').pr).toMatchObject({ number: null, headSha: null });
});
