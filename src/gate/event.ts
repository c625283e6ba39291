/**
 * The GitHub Actions event that started the gate (GITHUB_EVENT_PATH): a pull_request (or
 * pull_request_review) or a merge_group. Only the fields the gate needs are read; anything missing or of
 * the wrong type is simply absent, so a strange payload cannot make the gate pass.
 */
import type { PullRequestInfo } from './types.js';

export interface GateEvent {
  kind: 'pull_request' | 'merge_group' | 'other';
  base: string | null;
  head: string | null;
  repo: { owner: string; repo: string } | null;
  pr: PullRequestInfo | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function parseGateEvent(payload: unknown, eventName?: string): GateEvent {
  const root = obj(payload) ?? {};
  const repository = obj(root['repository']);
  const full = str(repository?.['full_name']);
  const [owner, name] = full?.split('/') ?? [];
  const repo = owner && name ? { owner, repo: name } : null;
  const pull = obj(root['pull_request']);
  if (pull && (eventName === undefined || eventName.startsWith('pull_request'))) {
    const labels = Array.isArray(pull['labels']) ? pull['labels'].map((l) => str(obj(l)?.['name'])).filter((l): l is string => l !== null) : [];
    const number = typeof pull['number'] === 'number' ? pull['number'] : null;
    const head = str(obj(pull['head'])?.['sha']);
    return {
      kind: 'pull_request',
      base: str(obj(pull['base'])?.['sha']),
      head,
      repo,
      pr: { number, author: str(obj(pull['user'])?.['login']), labels, headSha: head },
    };
  }
  const group = obj(root['merge_group']);
  if (group && (eventName === undefined || eventName === 'merge_group')) {
    // the queue branch names the PR: refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>
    const ref = str(group['head_ref']) ?? '';
    const m = /\/pr-(\d+)-[0-9a-f]+$/.exec(ref);
    return {
      kind: 'merge_group',
      base: str(group['base_sha']),
      head: str(group['head_sha']),
      repo,
      pr: { number: m?.[1] ? Number(m[1]) : null, author: null, labels: [], headSha: null },
    };
  }
  return { kind: 'other', base: null, head: null, repo, pr: null };
}
