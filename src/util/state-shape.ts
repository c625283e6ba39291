/**
 * A state file is input like any other: hand-edited, truncated or written by another version. Its facts are
 * checked for the types the reconcile rules read, so that a wrong type is a clear input error (exit 2) and
 * never a crash or a device counted as verified on facts that say nothing.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

const STRINGS: Record<string, readonly string[]> = {
  version: ['version', 'image', 'kickstartImage', 'reloadReason', 'model', 'hostname', 'configRegister', 'nextConfigRegister'],
  boot: ['configRegister', 'nextConfigRegister'],
  files: ['filesystem'],
  hash: [],
};

function factProblem(fact: string, value: Obj): string | null {
  for (const key of STRINGS[fact] ?? []) if (value[key] !== undefined && typeof value[key] !== 'string') return `facts.${fact}.${key} is not a string`;
  switch (fact) {
    case 'version':
      if (value['uptimeSeconds'] !== undefined && typeof value['uptimeSeconds'] !== 'number') return 'facts.version.uptimeSeconds is not a number';
      break;
    case 'boot':
      for (const key of ['boot', 'nextBoot', 'standbyBoot']) {
        if ((key === 'boot' || value[key] !== undefined) && !isStrings(value[key])) return `facts.boot.${key} is not a list of strings`;
      }
      break;
    case 'files':
      if (!Array.isArray(value['files']) || !value['files'].every((f) => isObj(f) && typeof f['name'] === 'string')) return 'facts.files.files is not a list of {name, size}';
      break;
    case 'hash':
      for (const key of ['file', 'algorithm', 'digest']) if (typeof value[key] !== 'string') return `facts.hash.${key} is not a string`;
      break;
  }
  if (value['members'] !== undefined) {
    if (!Array.isArray(value['members'])) return `facts.${fact}.members is not a list`;
    for (const m of value['members']) {
      if (!isObj(m) || typeof m['member'] !== 'string') return `facts.${fact}.members has an entry without a member name`;
      const p = factProblem(fact, { ...m, members: undefined });
      if (p) return p.replace(`facts.${fact}.`, `facts.${fact}.members[].`);
    }
  }
  return null;
}

/** The first thing wrong with the facts of one device state, or null. An `ok` state must say what runs. */
export function stateFactsProblem(state: Obj): string | null {
  const facts = state['facts'];
  if (!isObj(facts)) return 'facts is not an object';
  for (const fact of Object.keys(STRINGS)) {
    const value = facts[fact];
    if (value === undefined) continue;
    if (!isObj(value)) return `facts.${fact} is not an object`;
    const p = factProblem(fact, value);
    if (p) return p;
  }
  const version = facts['version'];
  if (state['status'] === 'ok' && !(isObj(version) && (typeof version['version'] === 'string' || typeof version['image'] === 'string'))) {
    return 'status is ok but facts.version names neither a version nor an image (a collected device always does)';
  }
  return null;
}
