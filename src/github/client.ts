/**
 * The one Octokit factory. Every GitHub call of the product goes through an Octokit made here, so retries,
 * rate limits, timeouts, pagination and error mapping behave the same everywhere.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { GitHubError } from '../errors.js';
import { redact } from '../util/redact.js';
import { VERSION } from '../version.js';

const ImagegateOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof ImagegateOctokit>;

export interface CreateOctokitOptions {
  token: string;
  /** API root, e.g. `https://api.github.com` (default) or a GHES `/api/v3` URL or a fake server in tests. */
  baseUrl?: string;
  userAgent?: string;
  /** Retries after the first attempt, for 5xx/timeouts and for rate limits (default 3). */
  retries?: number;
  /** Per-request timeout in milliseconds (default 30 s). A timeout is retried like a 5xx. */
  timeoutMs?: number;
  /**
   * Longest wait in seconds the client accepts for a rate-limit reset before giving up (default 120).
   * A primary limit that resets in an hour fails the call instead of hanging a CI job.
   */
  maxRateLimitWaitSeconds?: number;
  /** Tests only: keep the retry decisions but do not sleep (retry-after and write spacing become 0 ms). */
  noWait?: boolean;
  /** Where rate-limit and retry notices go (the CLI decides whether to print them). */
  onNotice?: (message: string) => void;
}

interface LimiterLike {
  key(id: string): { schedule<T>(options: object, task: (...args: unknown[]) => Promise<T>, ...args: unknown[]): Promise<T> };
}

type ThrottleGroup = NonNullable<Extract<ThrottlingOptions, { onRateLimit: unknown }>['write']>;

/** A Bottleneck group stand-in that runs tasks at once; only used with `noWait` (the plugin calls only key().schedule()). */
const passthrough: LimiterLike = {
  key: () => ({
    schedule: <T>(_options: object, task: (...args: unknown[]) => Promise<T>, ...args: unknown[]): Promise<T> => task(...args),
  }),
};
const passthroughGroup = passthrough as unknown as ThrottleGroup;

function timeoutFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(input, { ...init, signal });
    } catch (err: unknown) {
      if (timeout.aborted) {
        // Octokit passes a bare AbortError through un-retried; a named TimeoutError becomes a retried 500.
        const e = new Error(`request timed out after ${timeoutMs} ms`);
        e.name = 'TimeoutError';
        throw e;
      }
      throw err;
    }
  };
}

interface RequestErrorShape {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function describe(err: unknown): RequestErrorShape {
  return typeof err === 'object' && err !== null ? (err as RequestErrorShape) : { message: String(err) };
}

/** Maps any failure of a call (after retries) to a GitHubError whose text carries no secret. */
export function toGitHubError(err: unknown, token: string): GitHubError {
  if (err instanceof GitHubError) return err;
  const e = describe(err);
  const scrub = (text: string): string => redact(token.length > 0 ? text.split(token).join('[REDACTED]') : text);
  const status = typeof e.status === 'number' && e.status > 0 ? e.status : undefined;
  const where = e.request?.method && e.request.url ? `${e.request.method} ${e.request.url}` : 'GitHub API request';
  const raw = (e.message ?? 'unknown error').split('\n')[0] ?? '';
  const hint =
    status === 401
      ? 'the token was rejected: check that GITHUB_TOKEN (or --github-token) is set and not expired'
      : status === 403 || status === 404
        ? 'the token may lack a permission this call needs (see docs/gate.md for the token and permissions to use)'
        : 'GitHub did not answer after retries; re-run the job';
  const message = scrub(`${where} failed${status === undefined ? '' : ` (HTTP ${status})`}: ${raw}`);
  return new GitHubError(message, { ...(status === undefined ? {} : { status }), hint });
}

export function createOctokit(options: CreateOctokitOptions): GitHubClient {
  const retries = options.retries ?? 3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const notice = options.onNotice ?? (() => undefined);
  const noWait = options.noWait === true;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, opts: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const retryable = retryCount < retries && retryAfter <= maxWait;
      notice(`${kind} on ${opts.method ?? ''} ${opts.url ?? ''}: ${retryable ? `retrying after ${retryAfter} s` : 'giving up'}`);
      return retryable;
    };
  const octokit = new ImagegateOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? 'https://api.github.com',
    userAgent: options.userAgent ?? `imagegate/${VERSION}`,
    request: { fetch: timeoutFetch(options.timeoutMs ?? 30_000) },
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => notice(redact(m)), error: (m: string) => notice(redact(m)) },
    retry: { retries, ...(noWait ? { retryAfterBaseValue: 0 } : {}) },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      ...(noWait
        ? { retryAfterBaseValue: 0, write: passthroughGroup, notifications: passthroughGroup, search: passthroughGroup }
        : {}),
    },
  });
  // Added after the plugins, so it wraps them: what escapes here has been retried already.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    try {
      return await request(requestOptions);
    } catch (err: unknown) {
      throw toGitHubError(err, options.token);
    }
  });
  return octokit;
}
