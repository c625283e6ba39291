/**
 * One error hierarchy. Known errors map to exit code 2 with a one-line message at the CLI's single catch;
 * anything else is a bug and keeps its stack trace.
 */
export class ImagegateError extends Error {
  override name = 'ImagegateError';
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
}

/** Bad input: a file that cannot be read or parsed. Names the file and line. */
export class InputError extends ImagegateError {
  override name = 'InputError';
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.file = file;
    this.line = line;
  }
  /** `path:line: message` (the line is left out when unknown). */
  get where(): string {
    return this.line === undefined ? this.file : `${this.file}:${this.line}`;
  }
}

/** Bad command-line usage. */
export class UsageError extends ImagegateError {
  override name = 'UsageError';
}

/** A git operation failed: the gate and the ledger fail closed on it. */
export class GitError extends ImagegateError {
  override name = 'GitError';
}

/** A GitHub API call failed after retries. */
export class GitHubError extends ImagegateError {
  override name = 'GitHubError';
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.status = options.status;
  }
}

/** Device output that a platform parser did not understand. */
export class ParseError extends ImagegateError {
  override name = 'ParseError';
  readonly platform: string;
  readonly command: string;
  readonly excerpt: string;
  constructor(platform: string, command: string, message: string, excerpt: string) {
    super(`${platform}: "${command}": ${message}`);
    this.platform = platform;
    this.command = command;
    this.excerpt = excerpt;
  }
}

export function isKnownError(err: unknown): err is ImagegateError {
  return err instanceof ImagegateError;
}

/** First lines of text, for error messages that show what could not be understood. */
export function excerpt(text: string, lines = 3, width = 120): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, lines)
    .map((l) => (l.length > width ? `${l.slice(0, width)}…` : l))
    .join('\n');
}
