import type { PlatformId } from '../../model/platform.js';
import type { VersionFacts, VersionMember } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';
import { parseUptimePhrase } from '../uptime.js';

const COMMAND = 'show version';
// `Cisco IOS Software, ... Version 15.0(2)SE4,`; 12.1 and older print `IOS (tm) C2950 Software (...), Version 12.1(22)EA13,`.
// IOS-XE 16+ prints `Cisco IOS XE Software, Version 17.09.04a` before the IOS line (`Version 17.9.4a`). The XE line wins:
// it is the release as image files and the catalog name it (TextFSM and napalm report the IOS line instead).
const SOFTWARE = /^(?:Cisco IOS Software|IOS \(tm\))(?=[\s,[]).*?\bVersion\s+([^\s,]+)/;
const XE_SOFTWARE = /^Cisco IOS XE Software, Version\s+(\S+)/;
const UPTIME = /^(\S+) uptime is (.+)$/;
const IMAGE = /^System image file is "([^"]+)"/;
const RELOAD_REASON = /^Last reload reason:\s*(.+)$/;
const RETURNED_BY = /^System returned to ROM by (.+?)(?: at \d.*)?$/;
// `cisco WS-C2960G-8TC-L (PowerPC405) processor`, `Cisco C921-4P (revision 1.0) with`, `Allen-Bradley 1783-CMS20DP (ARM) processor`
const REGISTER = /^Configuration [Rr]egister is (0x[0-9A-Fa-f]+)(?:\s*\(will be (0x[0-9A-Fa-f]+) at next reload\))?/;
// Stacks (and single Catalyst switches) list members under `Switch Ports Model  SW Version  SW Image [Mode]`;
// `*` marks the active switch. The SW Version column is IOS-style (`16.9.3`) even on IOS-XE.
const SWITCH_TABLE = /^Switch\s+Ports\s+Model\s+SW Version\s+SW Image/;
const SWITCH_ROW = /^\*?\s*(\d+)\s+\d+\s+(\S+)\s+(\S+)\s+\S+(?:\s+\S+)?$/;
const MODEL = /^(?:[Cc]isco|Allen-Bradley)\s+(\S+)\s+\([^)]*\)\s+(?:processor|with)\b/;

/** `show version` on IOS and IOS-XE (bundle and install mode, stacks). */
export function parseIosShowVersion(raw: string, platform: PlatformId = 'cisco_ios'): VersionFacts {
  const lines = prepare(raw, platform, COMMAND).map((l) => l.trim());
  const facts: VersionFacts = {};
  let xeVersion: string | undefined;
  let returnedBy: string | undefined;
  let table: 'none' | 'header' | 'rows' | 'done' = 'none';
  const members: VersionMember[] = [];
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if (table === 'header' || table === 'rows') {
      if ((m = SWITCH_ROW.exec(line))) {
        members.push({ member: `Switch ${m[1] as string}`, model: m[2] as string, version: m[3] as string });
        table = 'rows';
        continue;
      }
      if (table === 'rows' || !/^[-\s]+$/.test(line)) table = 'done';
    }
    if (table === 'none' && SWITCH_TABLE.test(line)) table = 'header';
    else if (facts.version === undefined && (m = SOFTWARE.exec(line))) facts.version = m[1] as string;
    else if (xeVersion === undefined && (m = XE_SOFTWARE.exec(line))) xeVersion = m[1];
    else if (facts.hostname === undefined && (m = UPTIME.exec(line))) {
      facts.hostname = m[1] as string;
      const seconds = parseUptimePhrase(m[2] as string);
      if (seconds === undefined) throw notUnderstood(platform, COMMAND, [line], 'uptime in an unknown format');
      facts.uptimeSeconds = seconds;
    } else if (facts.image === undefined && (m = IMAGE.exec(line))) facts.image = m[1] as string;
    else if (facts.reloadReason === undefined && (m = RELOAD_REASON.exec(line))) facts.reloadReason = m[1] as string;
    else if (returnedBy === undefined && (m = RETURNED_BY.exec(line))) returnedBy = m[1];
    else if (facts.model === undefined && (m = MODEL.exec(line))) facts.model = m[1] as string;
    else if (facts.configRegister === undefined && (m = REGISTER.exec(line))) {
      facts.configRegister = m[1] as string;
      if (m[2] !== undefined) facts.nextConfigRegister = m[2];
    }
  }
  if (xeVersion !== undefined) facts.version = xeVersion;
  if (facts.version === undefined) {
    throw notUnderstood(platform, COMMAND, lines, 'no "Cisco IOS Software, ... Version" line');
  }
  if (facts.reloadReason === undefined && returnedBy !== undefined) facts.reloadReason = returnedBy;
  if (members.length > 0) facts.members = members;
  return facts;
}
