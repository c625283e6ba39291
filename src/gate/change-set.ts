/**
 * The change set of a pull request: for each device whose file differs between the merge base and the
 * head, what moved (image, boot variables, config register, change block). Pure: the runner reads git.
 */
import type { ChangeBlock, Device } from '../model/device.js';
import type { DeviceChange } from './types.js';

/** Paths whose change needs the policy owners' approval: the policy, the gate itself and who owns them. */
const PROTECTED = [/^policies\//, /^\.github\//, /(^|\/)CODEOWNERS$/, /^src\//, /^bin\//, /^scripts\//, /^package(-lock)?\.json$/, /^\.npmrc$/];

export function isProtectedPath(path: string): boolean {
  return PROTECTED.some((p) => p.test(path));
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function changeKey(c: ChangeBlock | undefined): string {
  if (!c) return '';
  return JSON.stringify([c.ticket, c.window.start, c.window.end, c.executor, c.transfer, c.downgrade ?? false, c.notes ?? '']);
}

export function diffDevice(before: Device | null, after: Device | null, file: string): DeviceChange {
  const name = after?.name ?? before?.name ?? file;
  return {
    device: name,
    file,
    kind: before === null ? 'added' : after === null ? 'removed' : 'modified',
    before,
    after,
    imageChanged: (before?.image ?? null) !== (after?.image ?? null),
    bootChanged: !sameList(before?.boot?.system, after?.boot?.system),
    configRegisterChanged: (before?.boot?.configRegister ?? null) !== (after?.boot?.configRegister ?? null),
    changeBlockChanged: changeKey(before?.change) !== changeKey(after?.change),
  };
}

/**
 * Devices touched by the changed device files, matched by name so that a moved file is a modification,
 * not a removal plus an addition; a device that is renamed in the PR is matched to its old self by its
 * management address, so that renaming cannot turn an upgrade into an "added" device that needs no change
 * block.
 */
export function diffDevices(before: Device[], after: Device[], changedDeviceFiles: ReadonlySet<string>): DeviceChange[] {
  const touchedNames = new Set<string>();
  for (const d of [...before, ...after]) if (changedDeviceFiles.has(d.source.file)) touchedNames.add(d.name);
  const beforeByName = new Map(before.filter((d) => touchedNames.has(d.name)).map((d) => [d.name, d]));
  const afterByName = new Map(after.filter((d) => touchedNames.has(d.name)).map((d) => [d.name, d]));
  const host = (d: Device): string => d.management.host.toLowerCase();
  const removedByHost = new Map<string, Device>();
  for (const [name, d] of beforeByName) if (!afterByName.has(name)) removedByHost.set(host(d), d);
  // new name -> the old self of a renamed device
  const renamed = new Map<string, Device>();
  const oldNames = new Set<string>();
  for (const [name, a] of afterByName) {
    const b = beforeByName.has(name) ? undefined : removedByHost.get(host(a));
    if (b && !oldNames.has(b.name)) {
      renamed.set(name, b);
      oldNames.add(b.name);
    }
  }
  const out: DeviceChange[] = [];
  for (const name of [...touchedNames].sort()) {
    if (oldNames.has(name) && !afterByName.has(name)) continue;
    const b = beforeByName.get(name) ?? renamed.get(name) ?? null;
    const a = afterByName.get(name) ?? null;
    const c = diffDevice(b, a, a?.source.file ?? b?.source.file ?? name);
    if (c.kind !== 'modified' || c.imageChanged || c.bootChanged || c.configRegisterChanged || c.changeBlockChanged) out.push(c);
  }
  return out;
}

/**
 * Whether the change asks for image work (and so needs a change block and a window). Adding a device to
 * the fleet records what it already runs; it is not image work.
 */
export function needsImageWork(c: DeviceChange): boolean {
  return c.before !== null && c.after !== null && (c.imageChanged || c.bootChanged || c.configRegisterChanged);
}

/** Whether the change schedules (or reschedules) a window that the time rules must judge. */
export function schedulesWindow(c: DeviceChange): boolean {
  return c.after?.change !== undefined && (needsImageWork(c) || c.changeBlockChanged);
}
