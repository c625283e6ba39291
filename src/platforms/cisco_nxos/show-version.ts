import type { VersionFacts } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';
import { parseUptimePhrase } from '../uptime.js';

const COMMAND = 'show version';
// `NXOS: version 10.4(5) [Maintenance Release]`; before 7.0 `system:    version 6.2(14)` beside `kickstart: version`
const NXOS_VERSION = /^NXOS:\s+version\s+(\S+)/;
const SYSTEM_VERSION = /^system:\s+version\s+(\S+)/;
const NXOS_IMAGE = /^NXOS image file is:\s*(\S+)/;
const SYSTEM_IMAGE = /^system image file is:\s*(\S+)/;
const KICKSTART_IMAGE = /^kickstart image file is:\s*(\S+)/;
const UPTIME = /^Kernel uptime is (.+)$/;
const REASON = /^Reason:\s*(.+)$/;
const HOSTNAME = /^Device name:\s*(\S+)/;
// `cisco Nexus9000 C9396PX Chassis`, `cisco Nexus7000 C7009 (9 Slot) Chassis ("Supervisor Module-1X")`
const CHASSIS = /^cisco\s+(.*?\b[Cc]hassis)\b/;
const SUPERVISOR_ONLY = /^cisco\s+(\S+)\s+\("[^"]*"\)$/;

/** `show version` on NX-OS, with `NXOS image file is:` or, before 7.0 and on ACI, kickstart + system images. */
export function parseNxosShowVersion(raw: string): VersionFacts {
  const lines = prepare(raw, 'cisco_nxos', COMMAND).map((l) => l.trim());
  const facts: VersionFacts = {};
  let systemVersion: string | undefined;
  let systemImage: string | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if (facts.version === undefined && (m = NXOS_VERSION.exec(line))) facts.version = m[1] as string;
    else if (systemVersion === undefined && (m = SYSTEM_VERSION.exec(line))) systemVersion = m[1];
    else if (facts.image === undefined && (m = NXOS_IMAGE.exec(line))) facts.image = m[1] as string;
    else if (systemImage === undefined && (m = SYSTEM_IMAGE.exec(line))) systemImage = m[1];
    else if (facts.kickstartImage === undefined && (m = KICKSTART_IMAGE.exec(line))) facts.kickstartImage = m[1] as string;
    else if (facts.uptimeSeconds === undefined && (m = UPTIME.exec(line))) {
      const seconds = parseUptimePhrase(m[1] as string);
      if (seconds === undefined) throw notUnderstood('cisco_nxos', COMMAND, [line], 'kernel uptime in an unknown format');
      facts.uptimeSeconds = seconds;
    } else if (facts.reloadReason === undefined && (m = REASON.exec(line))) facts.reloadReason = m[1] as string;
    else if (facts.hostname === undefined && (m = HOSTNAME.exec(line))) facts.hostname = m[1] as string;
    else if (facts.model === undefined && ((m = CHASSIS.exec(line)) || (m = SUPERVISOR_ONLY.exec(line)))) {
      facts.model = m[1] as string;
    }
  }
  if (facts.version === undefined && systemVersion !== undefined) facts.version = systemVersion;
  if (facts.image === undefined && systemImage !== undefined) facts.image = systemImage;
  if (facts.version === undefined && facts.image === undefined) {
    throw notUnderstood('cisco_nxos', COMMAND, lines, 'no "NXOS: version" or "system: version" line and no image file line');
  }
  return facts;
}
