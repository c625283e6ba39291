import type { ReviewSummary } from '../github/pulls.js';
import { reduceReviews } from './approvals.js';

const HEAD = 'h'.repeat(40);
let clock = 0;
const review = (login: string, state: string, commitId = HEAD, isBot = false): ReviewSummary => ({
  login,
  isBot,
  state,
  commitId,
  submittedAt: new Date(Date.UTC(2026, 11, 1, 10, clock++)).toISOString(),
});

test('the latest decisive review per person counts; comments do not undo an approval', () => {
  const r = reduceReviews([review('bob', 'APPROVED'), review('bob', 'COMMENTED'), review('carol', 'APPROVED'), review('carol', 'CHANGES_REQUESTED')], 'alice', HEAD);
  expect(r.approvers).toEqual(['bob']);
  expect(r.changesRequested).toEqual(['carol']);
});

test('a dismissed review cancels the approval before it; a later approval counts again', () => {
  expect(reduceReviews([review('bob', 'APPROVED'), review('bob', 'DISMISSED')], 'alice', HEAD).approvers).toEqual([]);
  expect(reduceReviews([review('bob', 'DISMISSED'), review('bob', 'APPROVED')], 'alice', HEAD).approvers).toEqual(['bob']);
});

test('approvals of an earlier commit, by the author or by a bot do not count, and say why', () => {
  const r = reduceReviews(
    [review('bob', 'APPROVED', 'e'.repeat(40)), review('alice', 'APPROVED'), review('renovate[bot]', 'APPROVED', HEAD, true)],
    'Alice',
    HEAD,
  );
  expect(r.approvers).toEqual([]);
  expect(r.ignored).toEqual([
    { login: 'bob', reason: 'approved eeeeeee, not the head hhhhhhh' },
    { login: 'alice', reason: 'the author cannot approve their own change' },
    { login: 'renovate[bot]', reason: 'approvals by bots do not count' },
  ]);
});
