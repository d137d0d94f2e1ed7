import { formatShanghai } from '../../domain/calendar.ts';
import type { OverrideRow } from './calendar.repository.ts';
import type { SettingRecord } from './settings.repository.ts';
import type { PolicyRow } from './time-limit.repository.ts';

/** What leaves the server for calendar, settings and time-limit records: instants as ISO with +08:00. */

const at = (d: Date | null) => (d ? formatShanghai(d) : null);

export function presentOverride(o: OverrideRow) {
  return { date: o.date, kind: o.kind, name: o.name, createdBy: o.createdBy, createdAt: formatShanghai(o.createdAt) };
}

export function presentSetting(s: SettingRecord) {
  return { key: s.key, value: s.value as unknown, updatedBy: s.updatedBy, updatedAt: at(s.updatedAt) };
}

export function presentPolicy(p: PolicyRow) {
  return {
    id: p.id, stage: p.stage, caseType: p.caseType, urgency: p.urgency, channel: p.channel, categoryId: p.categoryId,
    amount: p.amount, unit: p.unit, active: p.active, note: p.note, updatedBy: p.updatedBy, updatedAt: formatShanghai(p.updatedAt),
  };
}
