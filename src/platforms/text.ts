import { ParseError, excerpt } from '../errors.js';
import type { PlatformId } from '../model/platform.js';
import { FAILURE_INDICATORS, failureLine } from './failure.js';

// Terminal control sequences (colour, cursor moves) that a device or a pager may leave in captured output.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]/g;
// Pager prompts as IOS/NX-OS/EOS (`--More--`, `<--- More --->`) and Junos (`---(more 45%)---`) print them when paging
// was not switched off; the backspaces and blanks that erase the prompt follow it on the same line.
const PAGER = /\s*(?:-{1,3}\s?More\s?-{1,3}|<-+ More -+>|-{3}\(more(?: \d+%)?\)-{3})/gi;
const ERASE = /[ \t]*\x08+[ \t]*\x08*/g;
const PROMPT_LINE = /^[\w.\-@/:()~]{1,80}[>#%$]\s*$/;
const JUNOS_STATE_LINE = /^\{[\w:.\- ]+\}$/;
const ECHO_LINE = /^[\w.\-@/:()~]{1,80}[>#%$]\s*\S/;

/**
 * Normalizes captured device output: CRLF and lone CR (progress lines overwrite themselves), ANSI escapes, pager
 * remnants, the echoed command line at the top and the prompt at the bottom. Returns the lines, right-trimmed.
 */
export function cleanLines(raw: string): string[] {
  const lines = raw
    .replace(ANSI, '')
    .split('\n')
    .map((line) => {
      const withoutCr = line.endsWith('\r') ? line.slice(0, -1) : line;
      const lastCr = withoutCr.lastIndexOf('\r');
      const visible = lastCr >= 0 ? withoutCr.slice(lastCr + 1) : withoutCr;
      return visible.replace(PAGER, '').replace(ERASE, '').replace(/\s+$/, '');
    });
  while (lines.length > 0) {
    const last = (lines[lines.length - 1] ?? '').trim();
    if (last === '' || PROMPT_LINE.test(last) || JUNOS_STATE_LINE.test(last)) lines.pop();
    else break;
  }
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && ECHO_LINE.test((lines[first] ?? '').trim())) lines.splice(0, first + 1);
  return lines;
}

/**
 * The first step of every parser: clean the output and refuse empty output and output in which the device reports
 * that the command failed, so that no parser ever reads facts out of an error message.
 */
export function prepare(raw: string, platform: PlatformId, command: string): string[] {
  const lines = cleanLines(raw);
  if (lines.every((l) => l.trim() === '')) {
    throw new ParseError(platform, command, 'the output is empty', '');
  }
  const failure = failureLine(lines, FAILURE_INDICATORS[platform]);
  if (failure !== null) {
    throw new ParseError(platform, command, `the device reported an error: ${failure}`, excerpt(lines.join('\n')));
  }
  return lines;
}

/** A ParseError with the first lines of the output, for parsers that found nothing they recognize. */
export function notUnderstood(platform: PlatformId, command: string, lines: string[], what: string): ParseError {
  return new ParseError(platform, command, what, excerpt(lines.join('\n')));
}

const DIGEST_LENGTH = { md5: 32, sha256: 64, sha512: 128 } as const;

/** Lower-case hex digest of the expected length for the algorithm, or null. */
export function normalizeDigest(text: string, algorithm: keyof typeof DIGEST_LENGTH): string | null {
  const digest = text.trim().toLowerCase();
  return /^[0-9a-f]+$/.test(digest) && digest.length === DIGEST_LENGTH[algorithm] ? digest : null;
}
