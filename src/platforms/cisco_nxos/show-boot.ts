import type { BootFacts } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';

const COMMAND = 'show boot';
const CURRENT = /^Current Boot Variables:?$/i;
const NEXT = /^Boot Variables on (?:the )?next reload:?$/i;
const SUP = /^sup-(\d+)$/;
// `kickstart variable = bootflash:/...` and `system variable = ...` (before 7.0), `NXOS variable = bootflash:/nxos64-cs...`
const VARIABLE = /^(kickstart|system|NXOS) variable\s*=\s*(\S+)$/i;

interface SupBoot {
  kickstart?: string;
  system?: string;
}

function bootList(sup: SupBoot | undefined): string[] | undefined {
  if (sup === undefined) return undefined;
  return [sup.kickstart, sup.system].filter((v): v is string => v !== undefined);
}

/**
 * `show boot` on NX-OS: current and next-reload blocks, each per supervisor (`sup-1`, `sup-2`). Supervisors carry
 * synced variables; the first one printed gives `boot`/`nextBoot` (kickstart first, then system, or the single NXOS
 * image) and the second one's current list is `standbyBoot`.
 */
export function parseNxosShowBoot(raw: string): BootFacts {
  const lines = prepare(raw, 'cisco_nxos', COMMAND).map((l) => l.trim());
  const blocks: Record<'current' | 'next', Map<string, SupBoot>> = { current: new Map(), next: new Map() };
  let phase: 'current' | 'next' | undefined;
  let sup = '1';
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if (CURRENT.test(line)) {
      phase = 'current';
      sup = '1';
    } else if (NEXT.test(line)) {
      phase = 'next';
      sup = '1';
    } else if ((m = SUP.exec(line))) sup = m[1] as string;
    else if ((m = VARIABLE.exec(line)) && phase !== undefined) {
      const entry = blocks[phase].get(sup) ?? {};
      if ((m[1] as string).toLowerCase() === 'kickstart') entry.kickstart = m[2] as string;
      else entry.system = m[2] as string;
      blocks[phase].set(sup, entry);
    }
  }
  if (phase === undefined) throw notUnderstood('cisco_nxos', COMMAND, lines, 'no "Current Boot Variables" block');
  // NX-OS prints the block header even when no variable is set; an empty list is what the device says then
  const supervisors = [...blocks.current.keys()];
  const first = supervisors[0] ?? '1';
  const standby = supervisors.find((s) => s !== first);
  const facts: BootFacts = { boot: bootList(blocks.current.get(first)) ?? [] };
  const next = bootList(blocks.next.get(first));
  if (next !== undefined) facts.nextBoot = next;
  else if (lines.some((l) => NEXT.test(l))) facts.nextBoot = [];
  const standbyBoot = standby === undefined ? undefined : bootList(blocks.current.get(standby));
  if (standbyBoot !== undefined) facts.standbyBoot = standbyBoot;
  return facts;
}
