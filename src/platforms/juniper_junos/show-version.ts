import type { VersionFacts, VersionMember } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';
import { memberSections } from './sections.js';

const COMMAND = 'show version';
const HOSTNAME = /^Hostname:\s*(\S+)/;
const MODEL = /^Model:\s*(\S+)/;
// `Junos: 21.4R3-S4.9` since 15.1; before it `JUNOS Software Release [12.3R12.4]` or the base/EX suite line
const JUNOS = /^Junos:\s*(\S+)/;
const OLDER = [
  /^JUNOS Software Release \[([^\]]+)\]/,
  /^JUNOS Base OS Software Suite \[([^\]]+)\]/,
  /^JUNOS EX\s+Software Suite \[([^\]]+)\]/,
];

function sectionFacts(lines: string[]): Omit<VersionFacts, 'members'> {
  const facts: Omit<VersionFacts, 'members'> = {};
  let older: string | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if (facts.hostname === undefined && (m = HOSTNAME.exec(line))) facts.hostname = m[1] as string;
    else if (facts.model === undefined && (m = MODEL.exec(line))) facts.model = m[1] as string;
    else if (facts.version === undefined && (m = JUNOS.exec(line))) facts.version = m[1] as string;
    else if (older === undefined) {
      for (const pattern of OLDER) {
        if ((m = pattern.exec(line))) {
          older = m[1];
          break;
        }
      }
    }
  }
  if (facts.version === undefined && older !== undefined) facts.version = older;
  return facts;
}

/**
 * `show version` on Junos, single RE or with member sections (virtual chassis, cluster, multi-RE). The first member is
 * reported at the top level; every member is in `members`, so that a member on another release is visible. Junos runs
 * packages, not one image file: `image` is never set.
 */
export function parseJunosShowVersion(raw: string): VersionFacts {
  const lines = prepare(raw, 'juniper_junos', COMMAND);
  const sections = memberSections(lines);
  const members: VersionMember[] = [];
  for (const section of sections) {
    const facts = sectionFacts(section.lines);
    if (facts.hostname === undefined && facts.model === undefined && facts.version === undefined) {
      throw notUnderstood('juniper_junos', COMMAND, section.lines, `no "Hostname:", "Model:" or "Junos:" line${section.member ? ` in ${section.member}` : ''}`);
    }
    if (section.member !== undefined) members.push({ member: section.member, ...facts });
  }
  const top = sectionFacts((sections[0] as { lines: string[] }).lines);
  return { ...top, ...(members.length > 0 ? { members } : {}) };
}
