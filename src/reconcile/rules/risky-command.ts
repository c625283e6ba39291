import type { DeviceEvent } from '../../model/event.js';
import type { Evidence } from '../../model/finding.js';
import type { CommandPattern, Severity } from '../../model/policy.js';
import { logEvidence } from '../evidence.js';
import type { EventRule } from '../types.js';

/** Evidence lines kept per device and pattern; the count says how many more there were. */
const MAX_EVIDENCE = 10;

interface Group {
  device: string;
  pattern: string;
  severity: Severity;
  description: string;
  evidence: Evidence[];
  count: number;
}

function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return null;
  }
}

/**
 * debug / gdb / test / service internal / memory and boot-loader commands (detection policy patterns).
 * Grouped per device and pattern, so one GitHub issue collects the commands instead of one issue each.
 */
export const riskyCommand: EventRule = {
  id: 'risky-command',
  kind: 'event',
  meta: { severity: 'high', description: 'A risky command (debug, gdb, test, memory, boot-loader, ROMMON) from the detection policy was run.' },
  start(ctx) {
    const patterns: Array<{ p: CommandPattern; re: RegExp }> = [];
    for (const p of ctx.detection.riskyCommands) {
      const re = compile(p.pattern);
      if (re) patterns.push({ p, re });
    }
    const allowed = (ctx.detection.allowedCommands ?? []).map(compile).filter((r): r is RegExp => r !== null);
    const groups = new Map<string, Group>();
    const match = (ev: DeviceEvent): CommandPattern | undefined => {
      const cmd = ev.command;
      if (ev.pattern) return patterns.find((x) => x.p.id === ev.pattern)?.p ?? { id: ev.pattern, pattern: '', severity: 'high', description: ev.pattern };
      if (!cmd || (ev.kind !== 'risky-command' && ev.kind !== 'other' && ev.kind !== 'config-change')) return undefined;
      return patterns.find((x) => x.re.test(cmd))?.p;
    };
    return {
      onEvent(ev) {
        const cmd = ev.command ?? '';
        const p = match(ev);
        if (!p || allowed.some((re) => re.test(cmd))) return;
        const device = ev.device ?? ev.host;
        const key = `${device}\u0000${p.id}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { device, pattern: p.id, severity: p.severity, description: p.description, evidence: [], count: 0 }));
        g.count += 1;
        if (g.evidence.length < MAX_EVIDENCE) g.evidence.push(logEvidence(ev));
      },
      finish() {
        for (const g of [...groups.values()].sort((a, b) => (a.device + a.pattern).localeCompare(b.device + b.pattern))) {
          ctx.report({
            severity: g.severity,
            device: g.device,
            summary: `${g.device}: ${g.count} risky command${g.count === 1 ? '' : 's'} matching ${g.pattern} (${g.description})`,
            reasons: [
              `matches detection pattern ${g.pattern}: ${g.description}`,
              ...(g.count > g.evidence.length ? [`${g.count - g.evidence.length} more not shown`] : []),
            ],
            evidence: g.evidence,
            identity: g.pattern,
          });
        }
        groups.clear();
      },
    };
  },
};
