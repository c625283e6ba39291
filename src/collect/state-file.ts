/**
 * The state file `imagegate collect` writes and `reconcile` and `merge` read: parsed and checked in one place,
 * with the file (and, for JSON errors, the line) named and a hint on how to get a good one.
 */
import { InputError } from '../errors.js';
import { STATE_FILE_VERSION, type StateFile } from '../model/state.js';
import { stateFactsProblem } from '../util/state-shape.js';

const HINT = 'write it with `imagegate collect --out FILE`';

export function parseStateFile(path: string, text: string): StateFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err: unknown) {
    const pos = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    const line = pos === undefined ? undefined : text.slice(0, Number(pos)).split('\n').length;
    throw new InputError(path, line, 'the state file is not valid JSON', { hint: HINT });
  }
  const s = data as Partial<StateFile> | null;
  if (!s || typeof s !== 'object' || s.kind !== 'imagegate-state' || !Array.isArray(s.devices)) {
    throw new InputError(path, 1, `not an imagegate state file (want kind "imagegate-state", version ${STATE_FILE_VERSION}, devices [...])`, { hint: HINT });
  }
  if (s.version !== STATE_FILE_VERSION) {
    throw new InputError(path, 1, `state file version ${String(s.version)} is not supported (expected ${STATE_FILE_VERSION})`, {
      hint: 'collect again with this version of imagegate',
    });
  }
  s.devices.forEach((d, i) => {
    if (!d || typeof d.device !== 'string' || (d.status !== 'ok' && d.status !== 'unverified') || typeof d.facts !== 'object' || d.facts === null) {
      throw new InputError(path, undefined, `devices[${i}] is not a device state (device, status ok|unverified, facts)`, { hint: HINT });
    }
    // wrong fact types crashed the rules (exit 3), and an ok state without a version counted as verified
    const problem = stateFactsProblem(d as unknown as Record<string, unknown>);
    if (problem) throw new InputError(path, undefined, `devices[${i}] (${d.device}): ${problem}`, { hint: HINT });
  });
  return s as StateFile;
}
