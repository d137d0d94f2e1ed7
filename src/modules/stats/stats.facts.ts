import { sql, type RawBuilder } from 'kysely';
import { counterColumn, counterKeys, unreasonableActions } from '../../domain/kpi.ts';

/**
 * The KPI counters of src/domain/kpi.ts in SQL: what each case contributes,
 * one row per (case, day, unit), computed from the case history and the rows
 * it describes. The projector runs this for the cases that changed; verify
 * and the naive dashboard run it for every case. One definition for all three.
 */

/** Counter columns in the order of `counterKeys`. */
export const counterColumns: readonly string[] = counterKeys.map(counterColumn);
export const dimColumns = ['day', 'unit_id', 'region_id', 'category_id', 'channel', 'type'] as const;

const list = (f: (c: string) => string, sep = ', ') => sql.raw(counterColumns.map(f).join(sep));
/** `c1, c2, …` */
export const counterList = list((c) => c);
/** `sum(c1)::int AS c1, …` */
export const sumCounters = (prefix = '') => list((c) => `sum(${prefix}${c})::int AS ${c}`);
/** `-c1 AS c1, …` */
export const negatedCounters = list((c) => `-${c} AS ${c}`);
/** True when every counter of the row aliased `alias` is zero. */
export const allZero = (alias: string) => list((c) => `${alias}.${c} = 0`, ' AND ');
/** True when some counter differs from zero (for HAVING over sums). */
export const anyNonZeroSum = list((c) => `sum(${c}) <> 0`, ' OR ');

export interface FactScope {
  /** Condition on `cases c`: which cases' case counters to compute. */
  cases: RawBuilder<unknown>;
  /** Condition on `case_assignments a`: which assignments to count. */
  assignments: RawBuilder<unknown>;
}

/** Every case and assignment. */
export const everything: FactScope = { cases: sql`true`, assignments: sql`true` };

/** The cases in `ids` (an int[] parameter) and all their assignments. */
export function casesIn(ids: number[]): FactScope {
  return { cases: sql`c.id = ANY(${ids}::int[])`, assignments: sql`a.case_id = ANY(${ids}::int[])` };
}

/** The cases listed in a temporary table `(case_id int)`. */
export function casesInTable(table: string): FactScope {
  const t = sql.table(table);
  return { cases: sql`c.id IN (SELECT case_id FROM ${t})`, assignments: sql`a.case_id IN (SELECT case_id FROM ${t})` };
}

/**
 * Case counters of cases received in [from, to] and assignment counters of
 * assignments dispatched in [from, to] (Asia/Shanghai dates): what a period's
 * figures need, for the naive dashboard.
 */
export function receivedOrDispatchedIn(from: string, to: string): FactScope {
  const lo = sql`(${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const hi = sql`((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  return {
    cases: sql`c.received_at >= ${lo} AND c.received_at < ${hi}`,
    assignments: sql`a.dispatched_at >= ${lo} AND a.dispatched_at < ${hi}`,
  };
}

const int = (cond: string) => `(${cond})::int`;

/**
 * Rows `(case_id, day, unit_id, region_id, category_id, channel, type,
 * counters…)`, one per case, day and unit with some counter above zero.
 */
export function factsQuery(scope: FactScope) {
  const acc = 'NOT k.merged AND NOT k.rejected';
  const handledClosed = `${acc} AND k.closed AND k.dispatched`;
  const rated = `${handledClosed} AND k.called_back AND NOT k.unreasonable`;
  const caseCounters: Record<string, string> = {
    received: '1',
    merged: int('k.merged'),
    rejected: int('k.rejected AND NOT k.merged'),
    accepted: int(acc),
    direct: int(`${acc} AND k.direct`),
    dispatched: int(`${acc} AND k.dispatched`),
    closed: int(`${acc} AND k.closed`),
    replied: int(`${acc} AND k.replied`),
    handled_closed: int(handledClosed),
    closed_on_time: int(`${handledClosed} AND k.draft_on_time`),
    called_back: int(`${handledClosed} AND k.called_back`),
    rated: int(rated),
    resolved: int(`${rated} AND k.resolution = 'resolved'`),
    partly_resolved: int(`${rated} AND k.resolution = 'partly'`),
    sat_very: int(`${rated} AND k.satisfaction = 'very_satisfied'`),
    sat_ok: int(`${rated} AND k.satisfaction = 'satisfied'`),
    sat_basic: int(`${rated} AND k.satisfaction = 'basically_satisfied'`),
    sat_no: int(`${rated} AND k.satisfaction = 'dissatisfied'`),
    sat_very_no: int(`${rated} AND k.satisfaction = 'very_dissatisfied'`),
    rehandled: int(`${acc} AND k.dispatched AND k.rehandled`),
    overdue: int(`${acc} AND k.overdue`),
    urged: int(`${acc} AND k.urged`),
    supervised: int(`${acc} AND k.supervised`),
    instructed: int(`${acc} AND k.instructed`),
    unreasonable: int(`${acc} AND k.unreasonable`),
  };
  const assignmentCounters: Record<string, string> = {
    assignments: 'count(*)',
    signed_on_time: 'count(*) FILTER (WHERE a.signed_at IS NOT NULL AND (a.sign_due_at IS NULL OR a.signed_at <= a.sign_due_at))',
    returned: 'count(*) FILTER (WHERE a.returned_at IS NOT NULL)',
    extended: 'count(*) FILTER (WHERE a.extension_count > 0)',
  };
  const caseSelect = sql.raw(counterColumns.map((c) => `${caseCounters[c] ?? '0'} AS ${c}`).join(', '));
  const assignmentSelect = sql.raw(counterColumns.map((c) => `${assignmentCounters[c] ?? '0'} AS ${c}`).join(', '));
  const unreasonable = sql.raw(unreasonableActions.map((a) => `'${a.replace(/'/g, "''")}'`).join(', ') || `''`);

  return sql`
    WITH c AS (
      SELECT c.id, (c.received_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
             coalesce(c.lead_unit_id, 0) AS unit_id, coalesce(c.region_unit_id, 0) AS region_id,
             coalesce(c.category_id, 0) AS category_id, c.channel, c.type
        FROM cases c
       WHERE ${scope.cases}
    ), h AS (
      SELECT h.case_id,
             bool_or(h.action = 'merge') AS merged,
             bool_or(h.action = 'reject') AS rejected,
             bool_or(h.action = 'answer') AS direct,
             bool_or(h.action = 'dispatch') AS dispatched,
             bool_or(h.action IN ('answer', 'recordCallback', 'close') AND h.to_state = 'closed') AS closed,
             bool_or(h.action IN ('answer', 'approve')) AS replied,
             bool_or(h.action = 'recordCallback' AND h.data->>'reached' = 'true') AS called_back,
             bool_or(h.action = 'rehandle') AS rehandled,
             bool_or(h.action = 'autoUrge' AND h.data->>'stage' = 'reply') AS overdue,
             bool_or(h.action IN ('urge', 'autoUrge')) AS urged,
             bool_or(h.action IN ('supervise', 'autoSupervise', 'autoListed')) AS supervised,
             bool_or(h.action = 'instruct') AS instructed,
             bool_or(h.action IN (${unreasonable})) AS unreasonable,
             max(h.id) FILTER (WHERE h.action = 'recordCallback' AND h.data->>'reached' = 'true') AS last_callback_id,
             max(h.id) FILTER (WHERE h.action = 'draftReply') AS last_draft_id
        FROM case_history h
       WHERE h.case_id IN (SELECT id FROM c)
       GROUP BY h.case_id
    ), k AS (
      SELECT c.*, h.merged, h.rejected, h.direct, h.dispatched, h.closed, h.replied, h.called_back, h.rehandled,
             h.overdue, h.urged, h.supervised, h.instructed, h.unreasonable,
             cb.data->>'resolution' AS resolution, cb.data->>'satisfaction' AS satisfaction,
             coalesce(d.at <= da.reply_due_at OR da.reply_due_at IS NULL, false) AS draft_on_time
        FROM c
        JOIN h ON h.case_id = c.id
        LEFT JOIN case_history cb ON cb.id = h.last_callback_id
        LEFT JOIN case_history d ON d.id = h.last_draft_id
        LEFT JOIN case_assignments da ON da.id = (d.data->>'assignmentId')::int
    ), parts AS (
      SELECT k.id AS case_id, k.day, k.unit_id, k.region_id, k.category_id, k.channel, k.type, ${caseSelect}
        FROM k
      UNION ALL
      SELECT a.case_id, (a.dispatched_at AT TIME ZONE 'Asia/Shanghai')::date, a.unit_id,
             coalesce(ac.region_unit_id, 0), coalesce(ac.category_id, 0), ac.channel, ac.type, ${assignmentSelect}
        FROM case_assignments a
        JOIN cases ac ON ac.id = a.case_id
       WHERE (${scope.assignments}) AND NOT (a.status = 'withdrawn' AND a.signed_at IS NULL)
       GROUP BY a.case_id, 2, a.unit_id, 4, 5, ac.channel, ac.type
    )
    SELECT case_id, day, unit_id, region_id, category_id, channel, type, ${sumCounters()}
      FROM parts
     GROUP BY case_id, day, unit_id, region_id, category_id, channel, type
    HAVING ${anyNonZeroSum}
  `;
}
