/**
 * Approvals as GitHub records them, reduced the way a reviewer would count them: per person the latest
 * decisive review (approve, request changes, dismissed), only on the current head commit, never the
 * author's or a bot's.
 */
import { GitHubError } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { getTeamMembership, listReviews, type RepoRef, type ReviewSummary } from '../github/pulls.js';
import type { RepoModel } from '../model/repo.js';
import type { ApprovalEvidence, ChangeSet } from './types.js';

const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

export function reduceReviews(
  reviews: ReviewSummary[],
  author: string,
  headSha: string,
): Pick<ApprovalEvidence, 'approvers' | 'ignored' | 'changesRequested'> {
  const latest = new Map<string, ReviewSummary>();
  const ordered = [...reviews].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  for (const r of ordered) if (DECISIVE.has(r.state) && r.login !== '') latest.set(r.login.toLowerCase(), r);
  const approvers: string[] = [];
  const ignored: Array<{ login: string; reason: string }> = [];
  const changesRequested: string[] = [];
  for (const r of latest.values()) {
    if (r.state === 'CHANGES_REQUESTED') {
      changesRequested.push(r.login);
      continue;
    }
    if (r.state !== 'APPROVED') continue;
    if (r.login.toLowerCase() === author.toLowerCase()) ignored.push({ login: r.login, reason: 'the author cannot approve their own change' });
    else if (r.isBot) ignored.push({ login: r.login, reason: 'approvals by bots do not count' });
    else if (r.commitId !== headSha)
      ignored.push({ login: r.login, reason: `approved ${(r.commitId ?? 'an earlier commit').slice(0, 7)}, not the head ${headSha.slice(0, 7)}` });
    else approvers.push(r.login);
  }
  return { approvers: approvers.sort(), ignored, changesRequested: changesRequested.sort() };
}

export interface ReadApprovalsOptions {
  repo: RepoRef;
  pullNumber: number;
  author: string;
  headSha: string;
  /** GitHub teams (`org/slug`) whose membership among the approvers matters. */
  teams: string[];
  /** Client for team membership; it needs members:read on the organization (GITHUB_TOKEN has not). */
  teamsClient?: GitHubClient;
}

export async function readApprovals(client: GitHubClient, options: ReadApprovalsOptions): Promise<ApprovalEvidence> {
  const reviews = await listReviews(client, options.repo, options.pullNumber);
  const reduced = reduceReviews(reviews, options.author, options.headSha);
  const teamApprovers = new Map<string, string[]>();
  const teamErrors = new Map<string, string>();
  const teamsClient = options.teamsClient ?? client;
  for (const team of [...new Set(options.teams)].sort()) {
    const members: string[] = [];
    try {
      for (const login of reduced.approvers) {
        if ((await getTeamMembership(teamsClient, team, login)) === 'active') members.push(login);
      }
      teamApprovers.set(team, members);
    } catch (err: unknown) {
      // 403: the token may not read the organization. Unknown membership never counts (fail closed).
      if (err instanceof GitHubError && (err.status === 403 || err.status === 401)) {
        teamErrors.set(
          team,
          `cannot read the members of ${team} (HTTP ${err.status}): the token needs organization "Members: read"; ` +
            'set IMAGEGATE_TEAMS_TOKEN to a fine-grained PAT or GitHub App token with that permission (the default GITHUB_TOKEN cannot)',
        );
      } else {
        throw err;
      }
    }
  }
  return { ...reduced, teamApprovers, teamErrors };
}

export interface TeamVerdict {
  /** Team id in policies/identities.yaml. */
  team: string;
  /** `org/slug`, or null when the identities file names no GitHub team for it. */
  github: string | null;
  /** Eligible approvers who are active members; null when membership is unknown. */
  approvers: string[] | null;
  error?: string;
}

export interface ApprovalVerdict {
  required: number;
  eligible: string[];
  /** Approvers who do not count because they execute a change in this PR (separation of duties). */
  executors: string[];
  teams: TeamVerdict[];
  met: boolean;
}

/** GitHub `org/slug` of a team id of policies/identities.yaml. */
export function githubTeam(base: RepoModel, teamId: string): string | null {
  return base.policies.identities.teams.find((t) => t.id === teamId)?.github ?? null;
}

/** GitHub logins of the executors of this PR's changes. */
export function executorLogins(base: RepoModel, changes: ChangeSet): string[] {
  const ids = new Set(changes.devices.map((c) => c.after?.change?.executor).filter((e): e is string => e !== undefined));
  return base.policies.identities.people.filter((p) => ids.has(p.id) && p.github).map((p) => p.github as string);
}

export function teamVerdicts(base: RepoModel, teamIds: string[], eligible: string[], evidence: ApprovalEvidence): TeamVerdict[] {
  return [...new Set(teamIds)].map((team) => {
    const github = githubTeam(base, team);
    if (!github) return { team, github, approvers: null, error: `team "${team}" has no GitHub team (github: org/slug) in policies/identities.yaml` };
    const error = evidence.teamErrors.get(github);
    if (error) return { team, github, approvers: null, error };
    const members = evidence.teamApprovers.get(github);
    if (!members) return { team, github, approvers: null, error: `membership of ${github} was not read` };
    return { team, github, approvers: members.filter((m) => eligible.includes(m)) };
  });
}

/** Whether the approvals meet the policy, with the emergency extras when `emergency` is set. */
export function evaluateApprovals(base: RepoModel, changes: ChangeSet, evidence: ApprovalEvidence, emergency: boolean): ApprovalVerdict {
  const policy = base.policies.change;
  const sod = policy.approvals.separationOfDuties !== false;
  const executors = sod ? executorLogins(base, changes).map((l) => l.toLowerCase()) : [];
  const eligible = evidence.approvers.filter((a) => !executors.includes(a.toLowerCase()));
  const required = policy.approvals.count + (emergency ? (policy.emergency?.extraApprovals ?? 0) : 0);
  const teamIds = [...(policy.approvals.teams ?? []), ...(emergency ? (policy.emergency?.teams ?? []) : [])];
  const teams = teamVerdicts(base, teamIds, eligible, evidence);
  const met = eligible.length >= required && teams.every((t) => t.approvers !== null && t.approvers.length > 0);
  return { required, eligible, executors: evidence.approvers.filter((a) => executors.includes(a.toLowerCase())), teams, met };
}
