import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import {
  addDays, bucketStart, computeKpis, kpis, previousPeriod, type Bucket, type CallCounts, type Period,
} from '../../domain/kpi.ts';
import { sumCounters } from './stats.facts.ts';
import { callCountsSql, callFigures, callsApply, liveCountsSql, toCounts } from './stats.live.ts';
import { prepareTail, type TailInfo } from './stats.tail.ts';
import { cubeReader, naiveReader, type Filters, type Reader } from './stats.reader.ts';
import { factsQuery, receivedOrDispatchedIn } from './stats.facts.ts';
import { dailyOf } from './stats.delta.ts';

/**
 * The leader dashboard (领导驾驶舱): volumes and their trend, top and rising
 * categories, counts per county and township for the map, KPI tiles,
 * overdue and supervised counts, hotline answer rates. Read in one
 * REPEATABLE READ transaction, so every section sees the same moment; the
 * aggregates plus the not-yet-projected tail make the figures exact up to now.
 */
export interface DashboardQuery {
  period: Period;
  filters: Filters;
  bucket: Bucket;
  categoryLevel: 1 | 2 | 3;
  top: number;
  now: Date;
  /** Include hotline call figures (citywide staff only). */
  calls: boolean;
}

export interface CategoryFigure {
  categoryId: number;
  name: string;
  fullName: string;
  level: number;
  accepted: number;
  previous: number;
  change: number;
  share: number | null;
}

export interface RegionFigure {
  unitId: number;
  parentId: number | null;
  key: string;
  name: string;
  received: number;
  accepted: number;
}

const num = (v: unknown) => Number(v ?? 0);

/** The dashboard from the aggregates (the production path). */
export async function dashboard(db: Db, q: DashboardQuery) {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tail = await prepareTail(trx);
    return assemble(trx, cubeReader(tail.hasTail), q, asOf(tail, q.now), tail.hasTail ? 'tail' : 'stored');
  });
}

/**
 * The same dashboard computed the plain way: every fact of the period (and
 * the previous one) recomputed from cases, case_history and
 * case_assignments by GROUP BY, then the same sections. The benchmark's
 * baseline, and a cross-check in the tests.
 */
export async function naiveDashboard(db: Db, q: DashboardQuery) {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const prev = previousPeriod(q.period);
    await sql`DROP TABLE IF EXISTS stats_naive`.execute(trx);
    await sql`CREATE TEMP TABLE stats_naive ON COMMIT DROP AS
      ${dailyOf(sql`${factsQuery(receivedOrDispatchedIn(prev.from, q.period.to))}`)}`.execute(trx);
    return assemble(trx, naiveReader('stats_naive'), q, { at: q.now.toISOString(), projectedThrough: null, tailEntries: 0, exact: true }, 'raw');
  });
}

function asOf(t: TailInfo, now: Date) {
  return { at: now.toISOString(), projectedThrough: t.projectedThrough, tailEntries: t.tailEntries, exact: t.exact };
}

interface SectionRows {
  totals: Record<string, number> | null;
  byCt: Array<{ channel: string; type: string; received: number; accepted: number }>;
  trend: Array<{ start: string; received: number; accepted: number; closed: number }>;
  categories: Array<{ categoryId: number; cur: number; prev: number; name: string | null; fullName: string | null; level: number | null }>;
  regions: Array<{ regionId: number; path: string | null; received: number; accepted: number }>;
  places: Array<{ id: number; parentId: number | null; key: string; name: string; level: number }>;
  live: { open: number; overdue: number; supervised: number };
  calls: CallCounts | null;
}

const jsonRows = (q: RawBuilder<unknown>) => sql`(SELECT coalesce(json_agg(t), '[]'::json) FROM (${q}) t)`;
const jsonRow = (q: RawBuilder<unknown>) => sql`(SELECT row_to_json(t) FROM (${q}) t)`;

/**
 * Every section in one statement (one round trip, one plan each): totals,
 * volume by channel and type, the trend, categories now and before, places,
 * the "now" counts and the hotline calls.
 */
async function assemble(
  trx: Trx, reader: Reader, q: DashboardQuery,
  asOfInfo: ReturnType<typeof asOf> | { at: string; projectedThrough: null; tailEntries: number; exact: boolean },
  open: 'stored' | 'tail' | 'raw',
) {
  const { period: p, filters: f } = q;
  const prev = previousPeriod(p);
  const level = q.categoryLevel;
  const withCalls = q.calls && callsApply(f);
  const { rows: [r] } = await sql<SectionRows>`
    SELECT
      ${jsonRow(sql`SELECT ${sumCounters()} FROM ${reader.rows(p, f, [])} s`)} AS totals,
      ${jsonRows(sql`SELECT channel, type, sum(received)::int AS received, sum(accepted)::int AS accepted
                       FROM ${reader.rows(p, f, ['channel', 'type'])} s GROUP BY channel, type`)} AS by_ct,
      ${jsonRows(sql`SELECT to_char(date_trunc(${q.bucket}, day::timestamp), 'YYYY-MM-DD') AS start,
                            sum(received)::int AS received, sum(accepted)::int AS accepted, sum(closed)::int AS closed
                       FROM ${reader.rows(p, f, [], { coarsest: q.bucket === 'month' ? 'month' : 'day' })} s GROUP BY 1`)} AS trend,
      ${jsonRows(sql`
        WITH m AS (
          SELECT c.id, CASE WHEN c.level <= ${level} THEN c.id WHEN c.level = ${level} + 1 THEN c.parent_id ELSE p.parent_id END AS anc
            FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
        ), x AS (
          SELECT category_id, accepted, 0 AS prev FROM ${reader.rows(p, f, ['category'])} s
          UNION ALL
          SELECT category_id, 0, accepted FROM ${reader.rows(prev, f, ['category'])} s
        ), g AS (
          SELECT coalesce(m.anc, 0) AS category_id, sum(x.accepted)::int AS cur, sum(x.prev)::int AS prev
            FROM x LEFT JOIN m ON m.id = x.category_id GROUP BY 1
        )
        SELECT g.category_id AS "categoryId", g.cur, g.prev, k.name, k.full_name AS "fullName", k.level
          FROM g LEFT JOIN categories k ON k.id = g.category_id`)} AS categories,
      ${jsonRows(sql`SELECT s.region_id AS "regionId", u.path, sum(s.received)::int AS received, sum(s.accepted)::int AS accepted
                       FROM ${reader.rows(p, f, ['region'])} s LEFT JOIN units u ON u.id = s.region_id
                      GROUP BY s.region_id, u.path`)} AS regions,
      ${jsonRows(sql`SELECT id, parent_id AS "parentId", key, name, level FROM units WHERE kind = 'region' AND level IN (2, 3) ORDER BY path`)} AS places,
      ${jsonRow(liveCountsSql(f, q.now, open))} AS live,
      ${withCalls ? jsonRow(callCountsSql(p, { naive: open === 'raw' })) : sql`NULL::json`} AS calls`.execute(trx);

  const totals = toCounts(r.totals);
  const volumeBy = (dim: 'channel' | 'type') => {
    const m = new Map<string, { received: number; accepted: number }>();
    for (const x of r.byCt) {
      const e = m.get(x[dim]) ?? { received: 0, accepted: 0 };
      e.received += x.received;
      e.accepted += x.accepted;
      m.set(x[dim], e);
    }
    return [...m].filter(([, v]) => v.received > 0)
      .sort(([ka, a], [kb, b]) => b.received - a.received || ka.localeCompare(kb)) // ties in a stable order
      .map(([k, v]) => ({ [dim]: k, ...v }));
  };
  const rates = computeKpis(totals);

  return {
    period: p,
    previousPeriod: prev,
    filters: f,
    asOf: asOfInfo,
    volume: {
      received: totals.received, accepted: totals.accepted, merged: totals.merged, rejected: totals.rejected,
      byChannel: volumeBy('channel') as Array<{ channel: string; received: number; accepted: number }>,
      byType: volumeBy('type') as Array<{ type: string; received: number; accepted: number }>,
    },
    trend: trendOf(r.trend, q),
    ...categoriesOf(r.categories, q.top, totals.accepted),
    regions: regionsOf(r.regions, r.places),
    tiles: kpis.map((k) => ({ key: k.key, zh: k.zh, en: k.en, ...rates[k.key], numeratorFigure: k.numerator, denominatorFigure: k.denominator })),
    counts: totals,
    overdue: { inPeriod: totals.overdue, openNow: r.live.overdue },
    supervised: { inPeriod: totals.supervised, openNow: r.live.supervised },
    openNow: r.live.open,
    calls: r.calls ? callFigures(r.calls) : null,
  };
}

/** Every bucket of the period, zeros where nothing happened. */
function trendOf(rows: SectionRows['trend'], q: DashboardQuery) {
  const byStart = new Map(rows.map((r) => [r.start, r]));
  const points: Array<{ start: string; received: number; accepted: number; closed: number }> = [];
  const step = (d: string) => (q.bucket === 'day' ? addDays(d, 1) : q.bucket === 'week' ? addDays(d, 7) : bucketStart(addDays(d, 31), 'month'));
  for (let s = bucketStart(q.period.from, q.bucket); s <= q.period.to; s = step(s)) {
    const r = byStart.get(s);
    points.push({ start: s, received: r?.received ?? 0, accepted: r?.accepted ?? 0, closed: r?.closed ?? 0 });
  }
  return { bucket: q.bucket, points };
}

/** Top categories by accepted cases, and those that rose most against the previous period. */
function categoriesOf(rows: SectionRows['categories'], top: number, totalAccepted: number) {
  const figures: CategoryFigure[] = rows.map((r) => ({
    categoryId: r.categoryId, name: r.name ?? '未分类', fullName: r.fullName ?? '未分类', level: r.level ?? 0,
    accepted: r.cur, previous: r.prev, change: r.cur - r.prev, share: totalAccepted ? r.cur / totalAccepted : null,
  }));
  const byId = (a: CategoryFigure, b: CategoryFigure) => a.categoryId - b.categoryId;
  return {
    topCategories: figures.filter((x) => x.accepted > 0).sort((a, b) => b.accepted - a.accepted || byId(a, b)).slice(0, top),
    risingCategories: figures.filter((x) => x.change > 0 && x.categoryId > 0).sort((a, b) => b.change - a.change || byId(a, b)).slice(0, top),
  };
}

/** Places (county and township of each appeal's region) for the map; appeals without a place below the city are `unlocated`. */
function regionsOf(rows: SectionRows['regions'], places: SectionRows['places']) {
  const fig = new Map<number, RegionFigure>(places.map((u) => [u.id, { unitId: u.id, parentId: u.parentId, key: u.key, name: u.name, received: 0, accepted: 0 }]));
  let unlocated = { received: 0, accepted: 0 };
  for (const r of rows) {
    const ids = (r.path ?? '').split('/').filter(Boolean).map(Number);
    const county = fig.get(ids[1]);
    const township = fig.get(ids[2]);
    if (!county) {
      unlocated = { received: unlocated.received + r.received, accepted: unlocated.accepted + r.accepted };
      continue;
    }
    for (const x of township ? [county, township] : [county]) {
      x.received += r.received;
      x.accepted += r.accepted;
    }
  }
  const levelOf = new Map(places.map((u) => [u.id, u.level]));
  const all = [...fig.values()];
  return { counties: all.filter((x) => levelOf.get(x.unitId) === 2), townships: all.filter((x) => levelOf.get(x.unitId) === 3), unlocated };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
