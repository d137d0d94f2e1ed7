import type { Db } from '../../db/database.ts';
import type { UnitRow } from '../../db/schema.ts';
import { computeKpis, type CounterKey, type Counts, type KpiKey, type Rate } from '../../domain/kpi.ts';
import { redact } from '../board/redact.ts';
import { dashboard, type Dashboard } from '../stats/stats.dashboard.ts';
import { drill } from '../stats/stats.drill.ts';
import { league, type LeagueLevel } from '../stats/stats.league.ts';
import type { Filters } from '../stats/stats.reader.ts';
import type { BulletinPeriod } from './bulletin.period.ts';

/**
 * What a bulletin (定期通报) says, as a JSON snapshot: built once from the
 * statistics module's dashboard, league tables and drill-down (never from
 * the raw tables), stored with the bulletin and rendered from there as HTML
 * and XLSX. Later cases or state changes do not change a stored snapshot.
 */

/** The headline figures, in the order a bulletin reads them. */
export const headlineCounts: readonly CounterKey[] = ['received', 'accepted', 'closed', 'overdue', 'supervised'];
export const headlineRates: readonly KpiKey[] = [
  'closureRate', 'closedOnTimeRate', 'satisfactionRate', 'resolutionRate', 'callbackRate', 'replyRate',
  'signOnTimeRate', 'directRate', 'returnRate', 'rehandleRate', 'extensionRate',
];

export interface LeagueSection {
  level: LeagueLevel;
  units: Array<{ rank: number | null; unitId: number; name: string; score: number | null; accepted: number; assignments: number; kpis: Partial<Record<KpiKey, number | null>> }>;
  red: Array<{ rank: number; unitId: number; name: string; score: number }>;
  black: Array<{ rank: number; unitId: number; name: string; score: number }>;
}

export interface NotableCase {
  number: string;
  title: string;
}

export interface BulletinData {
  version: 1;
  kind: BulletinPeriod['kind'];
  period: string;
  range: BulletinPeriod['range'];
  previous: BulletinPeriod['previous'];
  unit: { id: number; key: string; name: string; whole: boolean };
  generatedAt: string;
  asOf: Dashboard['asOf'];
  counts: Counts;
  previousCounts: Counts;
  rates: Record<KpiKey, Rate>;
  previousRates: Record<KpiKey, Rate>;
  calls: Dashboard['calls'];
  previousCalls: Dashboard['calls'];
  trend: Dashboard['trend'];
  byChannel: Dashboard['volume']['byChannel'];
  byType: Dashboard['volume']['byType'];
  topCategories: Dashboard['topCategories'];
  risingCategories: Dashboard['risingCategories'];
  places: Array<{ unitId: number; name: string; level: 'county' | 'township'; received: number; accepted: number }>;
  overdue: Dashboard['overdue'];
  supervised: Dashboard['supervised'];
  openNow: number;
  leagues: LeagueSection[];
  notable: Record<'supervised' | 'instructed' | 'overdue', { total: number; cases: NotableCase[] }>;
}

/** How many notable cases of each kind a bulletin lists. */
const NOTABLE = 10;
const TOP = 10;
const LEAGUE_TOP = 5;

/** Which league tables a bulletin of this unit carries: the city ranks counties and city departments; a county its townships. */
function leagueLevels(unit: UnitRow, isRoot: boolean): LeagueLevel[] {
  if (isRoot) return ['county', 'department'];
  if (unit.kind === 'region' && unit.level === 2) return ['township'];
  return [];
}

/**
 * Builds the snapshot of one bulletin: the dashboard of the period and of
 * the period before, the league tables, and the notable cases (督办, 领导批示,
 * 超期) by number and title (titles redacted of phone and ID numbers).
 */
export async function buildBulletinData(db: Db, unit: UnitRow, period: BulletinPeriod, now: Date): Promise<BulletinData> {
  const isRoot = unit.parentId === null;
  const filters: Filters = { unitPath: isRoot ? '/' : unit.path };
  const bucket = period.kind === 'monthly' ? 'day' : 'week';
  const base = { filters, bucket, categoryLevel: 2, top: TOP, now, calls: isRoot } as const;
  const cur = await dashboard(db, { ...base, period: period.range });
  const prev = await dashboard(db, { ...base, period: period.previous.range, top: 1 });

  const leagues: LeagueSection[] = [];
  for (const level of leagueLevels(unit, isRoot)) {
    const l = await league(db, {
      period: period.range, level, scopePath: isRoot ? '/' : unit.path,
      filters: { categoryId: null, channel: null, type: null }, top: LEAGUE_TOP, minVolume: 1,
    });
    leagues.push({
      level,
      units: l.units.map((u) => ({
        rank: u.rank, unitId: u.unitId, name: u.name, score: u.score, accepted: u.accepted, assignments: u.assignments,
        kpis: Object.fromEntries(headlineRates.map((k) => [k, u.kpis[k].value])),
      })),
      red: l.red,
      black: l.black,
    });
  }

  const notableOf = async (figure: 'supervised' | 'instructed' | 'overdue') => {
    const d = await drill(db, { figure, period: period.range, filters, limit: NOTABLE, offset: 0, now });
    // The citizen's own name is read only to mask it in the title (陈**), like the board does.
    const names = d.cases.length
      ? new Map((await db.selectFrom('cases').select(['id', 'citizenName']).where('id', 'in', d.cases.map((c) => c.id)).execute()).map((c) => [c.id, c.citizenName]))
      : new Map<number, string | null>();
    return { total: d.total, cases: d.cases.map((c) => ({ number: c.number, title: redact(c.title, { names: [names.get(c.id)] }) })) };
  };

  return {
    version: 1,
    kind: period.kind,
    period: period.code,
    range: period.range,
    previous: period.previous,
    unit: { id: unit.id, key: unit.key, name: unit.name, whole: isRoot },
    generatedAt: now.toISOString(),
    asOf: cur.asOf,
    counts: cur.counts,
    previousCounts: prev.counts,
    rates: computeKpis(cur.counts),
    previousRates: computeKpis(prev.counts),
    calls: cur.calls,
    previousCalls: prev.calls,
    trend: cur.trend,
    byChannel: cur.volume.byChannel,
    byType: cur.volume.byType,
    topCategories: cur.topCategories,
    risingCategories: cur.risingCategories,
    places: placesOf(cur.regions),
    overdue: cur.overdue,
    supervised: cur.supervised,
    openNow: cur.openNow,
    leagues,
    notable: {
      supervised: await notableOf('supervised'),
      instructed: await notableOf('instructed'),
      overdue: await notableOf('overdue'),
    },
  };
}

/** Counties with appeals, each followed by its townships with appeals (the map's figures as a table). */
function placesOf(regions: Dashboard['regions']): BulletinData['places'] {
  const out: BulletinData['places'] = [];
  for (const c of regions.counties.filter((r) => r.received > 0)) {
    out.push({ unitId: c.unitId, name: c.name, level: 'county', received: c.received, accepted: c.accepted });
    for (const t of regions.townships.filter((r) => r.parentId === c.unitId && r.received > 0)) {
      out.push({ unitId: t.unitId, name: t.name, level: 'township', received: t.received, accepted: t.accepted });
    }
  }
  return out;
}
