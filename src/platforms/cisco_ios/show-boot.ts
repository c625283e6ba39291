import type { PlatformId } from '../../model/platform.js';
import type { BootFacts, BootMember } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';

const SWITCH = /^Switch\s+(\d+)$/;
const CURRENT = /^Current Boot Variables:?$/i;
const NEXT = /^Boot Variables on next reload:?$/i;
// `BOOT variable = a;b;` (routers, `show bootvar`, Cat9k), `BOOT path-list : a;b` (Catalyst `show boot`)
const BOOT = /^(Standby )?BOOT (?:variable\s*=|path-list\s*:)\s*(.*)$/;
const NO_BOOT = /^(Standby )?BOOT variable does not exist/;
const REGISTER = /^(Standby )?Configuration [Rr]egister is (0x[0-9A-Fa-f]+)(?:\s*\(will be (0x[0-9A-Fa-f]+) at next reload\))?/;

type Section = Partial<BootFacts> & { member?: string };

/** `boot system flash:a.bin` shows as `flash:a.bin,12;` on routers: the number is the boot retry count, not part of the path. */
function bootList(value: string): string[] {
  return value
    .split(';')
    .map((v) => v.trim().replace(/,\d+$/, ''))
    .filter((v) => v !== '');
}

/**
 * `show boot` / `show bootvar` on IOS and IOS-XE: Catalyst `BOOT path-list`, router `BOOT variable =` with the
 * config register (and its value at next reload), the HA standby's variables, Cat9k current/next-reload blocks, and
 * per-switch sections of a stack (the first section is the one reported at the top level; all are in `members`).
 */
export function parseIosShowBoot(raw: string, platform: PlatformId = 'cisco_ios', command = 'show boot'): BootFacts {
  const lines = prepare(raw, platform, command).map((l) => l.trim());
  const sections: Section[] = [{}];
  let phase: 'current' | 'next' = 'current';
  let recognized = false;
  for (const line of lines) {
    let section = sections[sections.length - 1] as Section;
    let m: RegExpExecArray | null;
    if ((m = SWITCH.exec(line))) {
      section = { member: `Switch ${m[1]}` };
      if (sections.length === 1 && Object.keys(sections[0] as Section).length === 0) sections[0] = section;
      else sections.push(section);
      phase = 'current';
    } else if (CURRENT.test(line)) phase = 'current';
    else if (NEXT.test(line)) phase = 'next';
    else if ((m = BOOT.exec(line)) || (m = NO_BOOT.exec(line))) {
      recognized = true;
      const list = m[2] === undefined ? [] : bootList(m[2]);
      if (m[1] !== undefined) section.standbyBoot = list;
      else if (phase === 'next') section.nextBoot = list;
      else section.boot = list;
    } else if ((m = REGISTER.exec(line))) {
      recognized = true;
      // the standby's register is the same setting mirrored; only the active's is reported
      if (m[1] === undefined) {
        section.configRegister = m[2] as string;
        if (m[3] !== undefined) section.nextConfigRegister = m[3];
      }
    }
  }
  if (!recognized) throw notUnderstood(platform, command, lines, 'no "BOOT variable" or "BOOT path-list" line');
  const members: BootMember[] = [];
  for (const s of sections) {
    if (s.boot === undefined) {
      throw notUnderstood(platform, command, lines, `no current BOOT variable${s.member ? ` for ${s.member}` : ''}`);
    }
    const { member, ...rest } = s;
    if (member !== undefined) members.push({ member, ...(rest as BootFacts) });
  }
  const { member: _first, ...top } = sections[0] as Section;
  return { ...(top as BootFacts), ...(members.length > 0 ? { members } : {}) };
}
