import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { callRates, counterKeys, counterColumn, zeroCounts, type CallCounts, type Counts, type Period } from '../../domain/kpi.ts';
import { openStates } from '../../domain/lifecycle.ts';
import { filterDims, filterSql, type Filters } from './stats.reader.ts';

/**
 * Figures that are about *now*, not about a period: cases open now, open and
 * past their lead unit's running reply deadline now, open and supervised.
 * The projector keeps one narrow row per open case in `stats_open` (with the
 * due instant of its running reply clock); "now" is applied when reading.
 * The unit filter applies to the lead unit, as for the case counters.
 */
export interface LiveCounts {
  open: number;
  overdue: number;
  supervised: number;
}

export const openStatesSql = sql.join(openStates.map((s) => sql`${s}`));

/**
 * The `stats_open` rows of the open cases matching `casesScope` (a condition
 * on `cases c`), computed from the cases and their lead assignments. Like
 * every figure, a case counts once its history has an entry.
 */
export function openCasesQuery(casesScope: RawBuilder<unknown>) {
  return sql`
    SELECT c.id AS case_id, coalesce(c.lead_unit_id, 0) AS unit_id, coalesce(c.region_unit_id, 0) AS region_id,
           coalesce(c.category_id, 0) AS category_id, c.channel, c.type, c.state, c.supervised,
           CASE WHEN c.state IN ('dispatched', 'handling') THEN (
             SELECT min(a.reply_due_at) FROM case_assignments a
              WHERE a.case_id = c.id AND a.role = 'lead' AND a.status IN ('pending', 'signed') AND a.paused_at IS NULL) END AS reply_due_at
      FROM cases c
     WHERE c.state IN (${openStatesSql}) AND (${casesScope})
       AND EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id)`;
}

/**
 * Where the open cases are read from: the stored rows with the unprojected
 * tail swapped in (`tail`), or computed from the cases right now (`raw`).
 */
export function openSource(source: 'stored' | 'tail' | 'raw') {
  if (source === 'raw') return sql`(${openCasesQuery(sql`true`)})`;
  if (source === 'stored') return sql`stats_open`;
  return sql`(SELECT * FROM stats_open WHERE case_id NOT IN (SELECT case_id FROM stats_tail_cases) UNION ALL SELECT * FROM stats_tail_open)`;
}

/** The condition for an open case overdue at `now` (rows of `openSource` aliased `o`). */
export const overdueNowSql = (now: Date) => sql`o.reply_due_at < ${now}`;

/** One row `(open, overdue, supervised)` of the open cases matching `f`. */
export function liveCountsSql(f: Filters, now: Date, source: 'stored' | 'tail' | 'raw') {
  return sql`
    SELECT count(*)::int AS open,
           count(*) FILTER (WHERE ${overdueNowSql(now)})::int AS overdue,
           count(*) FILTER (WHERE o.supervised)::int AS supervised
      FROM ${openSource(source)} o
     WHERE ${filterSql(f, 'o')}`;
}

export async function liveCounts(db: Queryable, f: Filters, now: Date, source: 'stored' | 'tail' | 'raw'): Promise<LiveCounts> {
  const { rows: [r] } = await sql<LiveCounts>`${liveCountsSql(f, now, source)}`.execute(db);
  return r;
}

/** Whether a question can have hotline call figures: calls have no unit, place, category or type. */
export function callsApply(f: Filters): boolean {
  return !filterDims(f).some((d) => d !== 'channel') && (!f.channel || f.channel === 'hotline');
}

/**
 * One row of hotline call counts of the period: from stats_calls_daily (kept
 * by triggers on hotline_calls), or `naive`ly from the call records.
 */
export function callCountsSql(p: Period, opts: { naive?: boolean } = {}) {
  const source = opts.naive
    ? sql`SELECT count(*) AS offered, count(*) FILTER (WHERE outcome = 'answered') AS answered,
                 count(*) FILTER (WHERE outcome = 'answered' AND answered_at - offered_at <= interval '15 seconds') AS answered_within_15s,
                 count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned, count(*) FILTER (WHERE outcome = 'called_back') AS called_back
            FROM hotline_calls
           WHERE offered_at >= (${p.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
             AND offered_at < ((${p.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`
    : sql`SELECT * FROM stats_calls_daily WHERE day BETWEEN ${p.from}::date AND ${p.to}::date`;
  return sql`
    SELECT coalesce(sum(offered), 0)::int AS offered, coalesce(sum(answered), 0)::int AS answered,
           coalesce(sum(answered_within_15s), 0)::int AS "answeredWithin15s", coalesce(sum(abandoned), 0)::int AS abandoned,
           coalesce(sum(called_back), 0)::int AS "calledBack"
      FROM (${source}) x`;
}

export function callFigures(c: CallCounts) {
  return { ...c, ...callRates(c) };
}

/** A row of summed counters (possibly all NULL when nothing matched; camelCase or snake_case keys) as Counts. */
export function toCounts(row: Record<string, unknown> | undefined | null): Counts {
  const c = zeroCounts();
  if (!row) return c;
  for (const k of counterKeys) c[k] = Number(row[k] ?? row[counterColumn(k)] ?? 0);
  return c;
}
