import type { BootFacts } from '../../model/state.js';
import { notUnderstood, prepare } from '../text.js';

const COMMAND = 'show boot-config';
const IMAGE = /^Software image:\s*(.*)$/;

/** `show boot-config` on EOS: `Software image: flash:/EOS-4.32.2F.swi`, or `(not set)`. EOS has no config register. */
export function parseEosShowBootConfig(raw: string): BootFacts {
  const lines = prepare(raw, 'arista_eos', COMMAND).map((l) => l.trim());
  for (const line of lines) {
    const m = IMAGE.exec(line);
    if (m === null) continue;
    const image = (m[1] as string).trim();
    return { boot: image === '' || image === '(not set)' ? [] : [image] };
  }
  throw notUnderstood('arista_eos', COMMAND, lines, 'no "Software image:" line');
}
