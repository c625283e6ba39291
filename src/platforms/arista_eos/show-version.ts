import type { VersionFacts } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';
import { parseUptimePhrase } from '../uptime.js';

const COMMAND = 'show version';
const MODEL = /^Arista\s+(\S+)/;
// `Software image version: 4.27.6M`; engineering builds add `-<build> (engineering build)`, kept as printed
const VERSION = /^Software image version:\s*(\S+)/;
const UPTIME = /^Uptime:\s*(.+)$/;

/** `show version` on EOS. It names no image path and no hostname: the image is in `show boot-config`. */
export function parseEosShowVersion(raw: string): VersionFacts {
  const lines = prepare(raw, 'arista_eos', COMMAND).map((l) => l.trim());
  const facts: VersionFacts = {};
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if (facts.model === undefined && (m = MODEL.exec(line))) facts.model = m[1] as string;
    else if (facts.version === undefined && (m = VERSION.exec(line))) facts.version = m[1] as string;
    else if (facts.uptimeSeconds === undefined && (m = UPTIME.exec(line))) {
      const seconds = parseUptimePhrase(m[1] as string);
      if (seconds === undefined) throw notUnderstood('arista_eos', COMMAND, [line], 'uptime in an unknown format');
      facts.uptimeSeconds = seconds;
    }
  }
  if (facts.version === undefined) throw notUnderstood('arista_eos', COMMAND, lines, 'no "Software image version:" line');
  return facts;
}
