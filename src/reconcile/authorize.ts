import type { Authorization } from '../model/authorization.js';
import type { DeviceEvent, EventKind } from '../model/event.js';
import type { Image } from '../model/image.js';
import type { Identities, Policies } from '../model/policy.js';
import { imageFileName } from './names.js';
import type { Judgement } from './types.js';

/** Event kinds that change what a device boots or runs: each must be explained by an authorization. */
export const IMAGE_WORK_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['transfer', 'install', 'boot-change', 'config-register', 'reload']);

interface IdentityEntry {
  id: string;
  accounts: string[];
  imageWork: boolean;
}

/** Maps a device login to the person or automation account of policies/identities.yaml. */
export class IdentityIndex {
  private readonly byAccount = new Map<string, IdentityEntry>();
  private readonly byId = new Map<string, IdentityEntry>();

  constructor(identities: Identities) {
    for (const who of [...identities.people, ...identities.automation]) {
      const entry = { id: who.id, accounts: who.accounts, imageWork: who.imageWork };
      this.byId.set(who.id.toLowerCase(), entry);
      for (const account of who.accounts) this.byAccount.set(account.toLowerCase(), entry);
    }
  }

  /** TACACS+ and RADIUS log `user@realm` or `DOMAIN\user`; the account list holds the bare name. */
  resolve(actor: string): IdentityEntry | undefined {
    const a = actor.trim().toLowerCase();
    return this.byAccount.get(a) ?? this.byAccount.get(a.replace(/@.*$/, '')) ?? this.byAccount.get(a.replace(/^.*\\/, ''));
  }

  /** The executor field may name an identity id or one of its accounts. */
  executor(name: string): IdentityEntry | undefined {
    return this.byId.get(name.toLowerCase()) ?? this.byAccount.get(name.toLowerCase());
  }
}

export interface AuthorizeContext {
  policies: Policies;
  identities: IdentityIndex;
  image(id: string): Image | undefined;
  clockSkewMs: number;
  /** When the authorization stopped being valid (superseded or withdrawn), if known. */
  endedAt?(auth: Authorization): string | null;
}

function approvedFiles(auth: Authorization, ctx: AuthorizeContext): Set<string> {
  const files = new Set<string>();
  if (auth.to.image) {
    const img = ctx.image(auth.to.image);
    if (img) files.add(img.file.toLowerCase());
  }
  for (const entry of auth.to.boot?.system ?? []) files.add(imageFileName(entry).toLowerCase());
  return files;
}

/** Every failed check of `ev` against one authorization, named. */
export function checkAgainst(ev: DeviceEvent, auth: Authorization, ctx: AuthorizeContext): string[] {
  const reasons: string[] = [];
  const t = Date.parse(ev.ts);
  const ended = ctx.endedAt?.(auth) ?? null;
  // an authorization covered what happened while it was in force; only later activity loses it
  const stillValid = ended !== null && t < Date.parse(ended);
  if (auth.status === 'withdrawn' && !stillValid) reasons.push(`authorization ${auth.commit.slice(0, 12)} was withdrawn by a revert`);
  if (auth.status === 'superseded' && !stillValid) {
    reasons.push(`authorization ${auth.commit.slice(0, 12)} was superseded${auth.supersededBy ? ` by ${auth.supersededBy.slice(0, 12)}` : ''}`);
  }
  if (t + ctx.clockSkewMs < Date.parse(auth.mergedAt)) {
    reasons.push(`before merge: the change was merged at ${auth.mergedAt}, the event happened at ${ev.ts}`);
  }
  if (!auth.window) reasons.push('outside window: the authorization has no change window');
  else {
    const start = Date.parse(auth.window.start) - ctx.clockSkewMs;
    const end = Date.parse(auth.window.end) + ctx.clockSkewMs;
    if (!(t >= start && t <= end)) reasons.push(`outside window: ${ev.ts} is not within ${auth.window.start} .. ${auth.window.end}`);
  }
  if (ev.actor === null || ev.actor.trim() === '') {
    reasons.push('identity not allowed: the log line names no user, so the executor cannot be confirmed');
  } else {
    const who = ctx.identities.resolve(ev.actor);
    if (!who) reasons.push(`identity not allowed: account "${ev.actor}" is not in policies/identities.yaml`);
    else if (!who.imageWork) reasons.push(`identity not allowed: ${who.id} (account "${ev.actor}") may not do image work`);
    else if (auth.executor) {
      const exec = ctx.identities.executor(auth.executor);
      if (!exec || exec.id !== who.id) reasons.push(`identity not allowed: ${who.id} (account "${ev.actor}") is not the executor ${auth.executor}`);
    }
  }
  if ((ev.kind === 'transfer' || ev.kind === 'install' || ev.kind === 'boot-change') && ev.file) {
    const files = approvedFiles(auth, ctx);
    const file = imageFileName(ev.file).toLowerCase();
    if (!files.has(file)) reasons.push(`wrong file: ${imageFileName(ev.file)} is not the approved image (${[...files].join(', ') || 'none'})`);
  }
  if (ev.kind === 'config-register') {
    const want = auth.to.boot?.configRegister;
    const got = /0x[0-9a-f]+/i.exec(ev.command ?? ev.raw)?.[0];
    if (got && want && Number.parseInt(got, 16) !== Number.parseInt(want, 16)) {
      reasons.push(`wrong file: config register ${got} is not the approved ${want}`);
    } else if (got && !want && auth.from.boot?.configRegister !== undefined && Number.parseInt(got, 16) !== Number.parseInt(auth.from.boot.configRegister, 16)) {
      reasons.push(`wrong file: config register ${got} is not the approved ${auth.from.boot.configRegister}`);
    }
  }
  if (ev.kind === 'transfer' && ev.protocol) {
    if (!ctx.policies.change.allowedTransfers.includes(ev.protocol)) {
      reasons.push(`protocol not allowed: ${ev.protocol} is not in policies/change.yaml allowedTransfers`);
    } else if (auth.transfer && auth.transfer !== ev.protocol) {
      reasons.push(`protocol not allowed: ${ev.protocol}, the change approved ${auth.transfer}`);
    }
  }
  return reasons;
}

/**
 * Judges one image, boot or reload event against every authorization of its device: authorized only when
 * one of them passes every check. Otherwise the closest one (fewest failed checks, then the latest) is
 * named with its failed checks, so the finding says exactly why.
 */
export function judge(ev: DeviceEvent, auths: Authorization[], ctx: AuthorizeContext): Judgement {
  if (auths.length === 0) {
    return { authorized: false, reasons: [`no authorization: no merged change in git covers ${ev.device ?? ev.host}`], checked: null };
  }
  let best: { auth: Authorization; reasons: string[] } | null = null;
  for (const auth of auths) {
    const reasons = checkAgainst(ev, auth, ctx);
    if (
      best === null ||
      reasons.length < best.reasons.length ||
      (reasons.length === best.reasons.length && Date.parse(auth.mergedAt) > Date.parse(best.auth.mergedAt))
    ) {
      best = { auth, reasons };
    }
  }
  if (best === null) return { authorized: false, reasons: ['no authorization'], checked: null };
  return { authorized: best.reasons.length === 0, reasons: best.reasons, checked: best.auth };
}
