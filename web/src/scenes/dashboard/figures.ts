import { counterDefs, counterKeys, kpis, type CounterKey } from '../../../../src/domain/kpi.ts';
import type { Language } from '../../i18n/index.tsx';

/** Names of the figures one can drill into (src/domain/kpi.ts), and the address of their cases. */
const derivedNames: Record<string, [string, string]> = {
  satisfied: ['满意（含基本满意）', 'Satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  open: ['未办结', 'Not closed'],
  closedLate: ['超时办结', 'Closed late'],
  notSignedOnTime: ['未按时签收', 'Not signed on time'],
  notCalledBack: ['未回访', 'Not called back'],
  unresolved: ['未解决', 'Not resolved'],
  openNow: ['在办工单', 'Open now'],
  overdueNow: ['当前超期', 'Overdue now'],
  supervisedNow: ['当前督办', 'Supervised now'],
};

export function figureName(figure: string, lang: Language): string {
  if ((counterKeys as readonly string[]).includes(figure)) {
    const d = counterDefs[figure as CounterKey];
    return lang === 'en' ? d.en : d.zh;
  }
  const n = derivedNames[figure];
  return n ? (lang === 'en' ? n[1] : n[0]) : figure;
}

export const kpiDefs = kpis;
export const kpiName = (key: string, lang: Language) => {
  const k = kpis.find((x) => x.key === key);
  return k ? (lang === 'en' ? k.en : k.zh) : key;
};

/** What a drill-down shows: a figure of GET /api/stats/drill, or a ledger (hard or supervised cases). */
export interface DrillTarget {
  metric?: string;
  ledger?: 'hard' | 'supervised';
  /** With `ledger`: only the overdue ones. */
  overdueOnly?: boolean;
  unitId?: number;
  regionId?: number;
  from?: string;
  to?: string;
  /** Shown in the heading: whose figure it is. */
  label?: string;
}

/** The address of a figure's cases (the drill-down page). */
export function drillHref(t: DrillTarget): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(t)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return `/stats/drill?${p.toString()}`;
}

export function parseDrill(search: URLSearchParams): DrillTarget {
  const num = (k: string) => (search.get(k) ? Number(search.get(k)) || undefined : undefined);
  const ledger = search.get('ledger');
  return {
    metric: search.get('metric') ?? undefined,
    ledger: ledger === 'hard' || ledger === 'supervised' ? ledger : undefined,
    overdueOnly: search.get('overdueOnly') === 'true' || undefined,
    unitId: num('unitId'), regionId: num('regionId'),
    from: search.get('from') ?? undefined, to: search.get('to') ?? undefined,
    label: search.get('label') ?? undefined,
  };
}

export const percent = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
