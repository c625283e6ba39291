import type { Authorization } from '../model/authorization.js';
import type { Device } from '../model/device.js';
import type { Evidence } from '../model/finding.js';
import type { Image } from '../model/image.js';
import { lineOf } from '../model/source.js';
import type { DeviceState } from '../model/state.js';
import { imageFileName, sameVersion } from './names.js';
import type { DeviceContext } from './types.js';

/** Authorizations of the device that are in force at `at`: merged by then, active, with a window. */
export function mergedAuthorizations(ctx: DeviceContext): Authorization[] {
  const at = Date.parse(ctx.at);
  return ctx.authorizations(ctx.dev.name).filter((a) => a.status === 'active' && Date.parse(a.mergedAt) <= at);
}

/** An active authorization whose window has not ended yet: the device may still be on its `from` state. */
export function pendingAuthorizations(ctx: DeviceContext): Authorization[] {
  const at = Date.parse(ctx.at) - ctx.detection.clockSkewSeconds * 1000;
  return mergedAuthorizations(ctx).filter((a) => a.window !== null && Date.parse(a.window.end) >= at);
}

/**
 * Whether the device runs `image`: by file name when the device names a bundle file, else by version
 * (install mode runs `packages.conf`, EOS and Junos print no image path). Undefined when the state does not tell.
 */
export function runsImage(state: DeviceState, image: Image): boolean | undefined {
  const v = state.facts.version;
  if (!v) return undefined;
  if (v.image) {
    const file = imageFileName(v.image);
    if (file.toLowerCase() === image.file.toLowerCase()) return true;
    if (!/\.conf$/i.test(file) && /\.(bin|swi|tgz|pkg|img|iso|tar)$/i.test(file)) return false;
  }
  if (v.version) return sameVersion(v.version, image.version);
  return undefined;
}

/** What the device runs, in words, for findings. */
export function runningText(state: DeviceState): string {
  const v = state.facts.version;
  return [v?.image, v?.version ? `version ${v.version}` : undefined].filter((s) => s !== undefined).join(', ') || 'unknown';
}

export function gitEvidence(dev: Device, pointer: string, text: string, commit?: string): Evidence {
  return commit === undefined
    ? { kind: 'git', file: dev.source.file, line: lineOf(dev.source, pointer), text }
    : { kind: 'git', file: dev.source.file, line: lineOf(dev.source, pointer), commit, text };
}

export function stateEvidence(state: DeviceState, fact: string, value: string, expected?: string): Evidence {
  return expected === undefined
    ? { kind: 'state', fact, value, collectedAt: state.collectedAt }
    : { kind: 'state', fact, value, expected, collectedAt: state.collectedAt };
}
