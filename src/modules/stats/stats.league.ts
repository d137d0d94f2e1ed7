import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { compositeScore, computeKpis, leagueWeights, type Counts, type KpiKey, type Period, type Rate } from '../../domain/kpi.ts';
import { factsQuery, receivedOrDispatchedIn, sumCounters } from './stats.facts.ts';
import { toCounts } from './stats.live.ts';
import { cubeReader, naiveReader, type Filters, type Reader } from './stats.reader.ts';
import { prepareTail } from './stats.tail.ts';
import { dailyOf } from './stats.delta.ts';

/**
 * League tables (排名, 红黑榜): units of one level ranked by the composite
 * score of their KPIs (src/domain/kpi.ts `compositeScore`). A unit's
 * figures are those of its whole subtree: case figures of the cases it or a
 * unit below it leads, assignment figures of the assignments to it or below.
 */
export type LeagueLevel = 'county' | 'department' | 'township';

export interface LeagueQuery {
  period: Period;
  level: LeagueLevel;
  /** Only units inside this subtree are ranked ('/' = the city). */
  scopePath: string;
  filters: Omit<Filters, 'unitPath'>;
  /** Length of the red and black lists. */
  top: number;
  /** Units with fewer assignments than this are ranked but kept off the red and black lists. */
  minVolume: number;
}

export interface LeagueRow {
  rank: number | null;
  unitId: number;
  key: string;
  name: string;
  score: number | null;
  accepted: number;
  assignments: number;
  kpis: Record<KpiKey, Rate>;
  counts: Counts;
}

/** Which units a level ranks, and how deep they sit in the tree (root = 1). */
const levels: Record<LeagueLevel, { where: RawBuilder<unknown>; depth: number }> = {
  county: { where: sql`r.kind = 'region' AND r.level = 2`, depth: 2 },
  department: { where: sql`r.kind = 'department' AND r.parent_id = (SELECT id FROM units WHERE parent_id IS NULL)`, depth: 2 },
  township: { where: sql`r.kind = 'region' AND r.level = 3`, depth: 3 },
};

export async function league(db: Db, q: LeagueQuery) {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tail = await prepareTail(trx);
    const rows = await rank(trx, cubeReader(tail.hasTail), q);
    return present(q, rows, { projectedThrough: tail.projectedThrough, tailEntries: tail.tailEntries, exact: tail.exact });
  });
}

/** The same table from facts recomputed for the request (the benchmark's baseline). */
export async function naiveLeague(db: Db, q: LeagueQuery) {
  return db.transaction().execute(async (trx) => {
    await sql`DROP TABLE IF EXISTS stats_naive`.execute(trx);
    await sql`CREATE TEMP TABLE stats_naive ON COMMIT DROP AS ${dailyOf(factsQuery(receivedOrDispatchedIn(q.period.from, q.period.to)))}`.execute(trx);
    return present(q, await rank(trx, naiveReader('stats_naive'), q), { projectedThrough: null, tailEntries: 0, exact: true });
  });
}

async function rank(trx: Trx, reader: Reader, q: LeagueQuery): Promise<LeagueRow[]> {
  const lv = levels[q.level];
  const anc = sql`nullif(split_part(u.path, '/', ${lv.depth + 1}), '')::int`;
  const { rows } = await sql<Record<string, unknown> & { id: number; key: string; name: string }>`
    WITH s AS (
      SELECT ${anc} AS ranked_id, ${sumCounters('s.')}
        FROM (SELECT unit_id, ${sumCounters()} FROM ${reader.rows(q.period, q.filters, ['unit'])} x GROUP BY unit_id) s
        JOIN units u ON u.id = s.unit_id
       GROUP BY 1
    )
    SELECT r.id, r.key, r.name, s.*
      FROM units r LEFT JOIN s ON s.ranked_id = r.id
     WHERE ${lv.where} AND r.active AND r.path LIKE ${`${q.scopePath}%`}
     ORDER BY r.path`.execute(trx);
  const out: LeagueRow[] = rows.map((u) => {
    const counts = toCounts(u);
    const kpis = computeKpis(counts);
    return { rank: null, unitId: u.id, key: u.key, name: u.name, score: compositeScore(kpis), accepted: counts.accepted, assignments: counts.assignments, kpis, counts };
  });
  out.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.assignments - a.assignments || a.unitId - b.unitId);
  let r = 0;
  for (const row of out) if (row.score !== null) row.rank = ++r;
  return out;
}

function present(q: LeagueQuery, units: LeagueRow[], asOf: { projectedThrough: number | null; tailEntries: number; exact: boolean }) {
  const eligible = units.filter((u) => u.score !== null && u.assignments >= q.minVolume);
  const red = eligible.slice(0, q.top);
  const black = eligible.slice(Math.max(red.length, eligible.length - q.top)).reverse();
  const brief = (u: LeagueRow) => ({ rank: u.rank!, unitId: u.unitId, name: u.name, score: u.score! });
  return { period: q.period, level: q.level, weights: leagueWeights, asOf, units, red: red.map(brief), black: black.map(brief) };
}
