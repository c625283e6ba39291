import type { PlatformId } from '../model/platform.js';

/**
 * Lines that mean a command failed, per platform, matched at the start of a trimmed line (case-insensitive), as
 * scrapli keeps `failed_when_contains` in its platform definitions.
 */
export const FAILURE_INDICATORS: Record<PlatformId, string[]> = {
  cisco_ios: [
    '% Invalid input detected',
    '% Incomplete command',
    '% Ambiguous command',
    '% Unknown command',
    '% Bad IP address or host name',
    '% Permission denied',
    '% Authorization failed',
    'Command authorization failed',
    '%Error',
    '% Error',
  ],
  cisco_xe: [
    '% Invalid input detected',
    '% Incomplete command',
    '% Ambiguous command',
    '% Unknown command',
    '% Permission denied',
    '% Authorization failed',
    'Command authorization failed',
    '%Error',
    '% Error',
  ],
  cisco_nxos: [
    '% Invalid command',
    '% Invalid parameter',
    '% Invalid number',
    '% Incomplete command',
    '% Ambiguous command',
    '% Permission denied',
    '% Permission denied for the role',
    'Syntax error while parsing',
    'Invalid range',
    'No such file or directory',
  ],
  arista_eos: [
    '% Invalid input',
    '% Incomplete command',
    '% Ambiguous command',
    '% Unavailable command',
    '% Authorization denied',
    '% Permission denied',
    '% Error',
    '%Error',
  ],
  juniper_junos: ['syntax error', 'unknown command', 'error:', 'permission denied', 'invalid value', 'missing argument'],
};

/** The first line that starts with one of the indicators, trimmed, or null. */
export function failureLine(lines: string[], indicators: string[]): string | null {
  const lower = indicators.map((i) => i.toLowerCase());
  for (const line of lines) {
    const trimmed = line.trim();
    const probe = trimmed.toLowerCase();
    if (lower.some((i) => probe.startsWith(i))) return trimmed;
  }
  return null;
}
