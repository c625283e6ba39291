import type { MaintenanceWindow } from '../../model/policy.js';
import { isTimeZone } from '../../validate/index.js';
import { prWindows, relaxable, windowLine } from '../scheduled.js';
import { containingOccurrence, formatInZone } from '../time.js';
import type { GateRule } from '../types.js';

function appliesTo(w: MaintenanceWindow, site: string, role: string): boolean {
  return (!w.sites || w.sites.includes(site)) && (!w.roles || w.roles.includes(role));
}

/** The change window lies wholly inside one occurrence of a maintenance window for the device's site and role. */
export const windowMaintenance: GateRule = {
  id: 'window-maintenance',
  meta: {
    severity: 'error',
    description: "The change window lies inside an allowed recurring maintenance window of the device's site and role, in that window's time zone.",
    rationale: 'Maintenance windows are agreed with the business in local time; daylight saving time moves them in UTC.',
  },
  check(ctx) {
    const windows = ctx.base.policies.change.maintenanceWindows;
    for (const w of prWindows(ctx)) {
      const d = w.device;
      // a window whose zone this runtime does not know cannot contain anything (validate reports the zone)
      const candidates = windows.filter((m) => appliesTo(m, d.site, d.role) && isTimeZone(m.timezone));
      if (candidates.some((m) => containingOccurrence(m, w.start, w.end))) continue;
      const { severity, suffix } = relaxable(ctx);
      ctx.report({
        rule: windowMaintenance.id,
        severity,
        file: d.source.file,
        line: windowLine(d),
        device: d.name,
        message:
          candidates.length === 0
            ? `${d.name}: no maintenance window applies to site ${d.site}, role ${d.role}${suffix}`
            : `${d.name}: window ${formatInZone(w.start, candidates[0]?.timezone ?? 'UTC')} to ${formatInZone(w.end, candidates[0]?.timezone ?? 'UTC')} is outside every maintenance window for ${d.site}/${d.role}${suffix}`,
        hint:
          candidates.length === 0
            ? 'add a maintenance window for this site or role to policies/change.yaml (in its own PR)'
            : `allowed: ${candidates.map((m) => `${m.id} (${m.days.join(',')} ${m.start} for ${m.durationMinutes} min, ${m.timezone})`).join('; ')}`,
      });
    }
  },
};
