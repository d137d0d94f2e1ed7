import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { counterColumn, figureExpr, type Figure, type Period } from '../../domain/kpi.ts';
import { liveCounts, openSource, overdueNowSql } from './stats.live.ts';
import { cubeReader, filterSql, type Filters } from './stats.reader.ts';
import { prepareTail } from './stats.tail.ts';

/**
 * Drill-down (穿透): the cases behind a figure, with how much each
 * contributes (a case may hold several assignments), newest first. Read from
 * the per-case facts the aggregates are summed from, plus the unprojected
 * tail, so the contributions over all pages add up to `total`, the figure on
 * the dashboard with the same filters.
 */
export const liveFigures = ['openNow', 'overdueNow', 'supervisedNow'] as const;
export type LiveFigure = (typeof liveFigures)[number];

export interface DrillQuery {
  figure: Figure | LiveFigure;
  period: Period;
  filters: Filters;
  limit: number;
  offset: number;
  now: Date;
}

interface DrillRow {
  caseId: number;
  number: string;
  title: string;
  state: string;
  receivedAt: Date;
  count: number;
}

export interface DrillResult {
  figure: string;
  period: Period;
  filters: Filters;
  limit: number;
  offset: number;
  /** The figure itself (from the aggregates): the sum of `count` over every page. */
  total: number;
  /** Whether another page follows. */
  hasMore: boolean;
  cases: Array<{ id: number; number: string; title: string; state: string; receivedAt: Date; count: number }>;
}

export async function drill(db: Db, q: DrillQuery): Promise<DrillResult> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tail = await prepareTail(trx);
    let rows: DrillRow[];
    let total: number;
    if ((liveFigures as readonly string[]).includes(q.figure)) {
      const source = openSource(tail.hasTail ? 'tail' : 'stored');
      const live = await liveCounts(trx, q.filters, q.now, tail.hasTail ? 'tail' : 'stored');
      total = q.figure === 'overdueNow' ? live.overdue : q.figure === 'supervisedNow' ? live.supervised : live.open;
      const cond = q.figure === 'overdueNow' ? overdueNowSql(q.now) : q.figure === 'supervisedNow' ? sql`o.supervised` : sql`true`;
      ({ rows } = await sql<DrillRow>`
        SELECT c.id AS case_id, c.number, c.title, c.state, c.received_at, 1 AS count
          FROM (SELECT o.case_id FROM ${source} o WHERE ${cond} AND ${filterSql(q.filters, 'o')}
                 ORDER BY o.case_id DESC LIMIT ${q.limit + 1} OFFSET ${q.offset}) o
          JOIN cases c ON c.id = o.case_id
         ORDER BY c.id DESC`.execute(trx));
    } else {
      const e = figureExpr(q.figure as Figure);
      const expr = (alias: string) => sql.raw(`(${e.plus.map((k) => `${alias}.${counterColumn(k)}`).join(' + ')}${(e.minus ?? []).map((k) => ` - ${alias}.${counterColumn(k)}`).join('')})`);
      const { rows: [t] } = await sql<{ total: number | null }>`
        SELECT sum(${expr('s')})::int AS total FROM ${cubeReader(tail.hasTail).rows(q.period, q.filters, [])} s`.execute(trx);
      total = t.total ?? 0;
      const where = sql`s.day BETWEEN ${q.period.from}::date AND ${q.period.to}::date AND ${filterSql(q.filters, 's')}`;
      // Newest cases first, walking the facts' primary key backwards: a page costs what it shows.
      const source = tail.hasTail
        ? sql`SELECT s.case_id, ${expr('s')} AS v FROM stats_case_facts s WHERE ${where} AND s.case_id NOT IN (SELECT case_id FROM stats_tail_cases)
              UNION ALL SELECT s.case_id, ${expr('s')} FROM stats_tail_facts s WHERE ${where}`
        : sql`SELECT s.case_id, ${expr('s')} AS v FROM stats_case_facts s WHERE ${where}`;
      ({ rows } = await sql<DrillRow>`
        SELECT g.case_id, c.number, c.title, c.state, c.received_at, g.count
          FROM (SELECT case_id, sum(v)::int AS count FROM (${source}) f GROUP BY case_id HAVING sum(v) > 0
                 ORDER BY case_id DESC LIMIT ${q.limit + 1} OFFSET ${q.offset}) g
          JOIN cases c ON c.id = g.case_id
         ORDER BY g.case_id DESC`.execute(trx));
    }
    return {
      figure: q.figure, period: q.period, filters: q.filters, limit: q.limit, offset: q.offset,
      total, hasMore: rows.length > q.limit,
      cases: rows.slice(0, q.limit).map((r) => ({ id: r.caseId, number: r.number, title: r.title, state: r.state, receivedAt: r.receivedAt, count: r.count })),
    };
  });
}
