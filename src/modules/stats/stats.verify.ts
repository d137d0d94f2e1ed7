import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { dailyOf, rollupOf } from './stats.delta.ts';
import { anyNonZeroSum, everything, factsQuery, sumCounters } from './stats.facts.ts';
import { prepareTail } from './stats.tail.ts';
import { openCasesQuery } from './stats.live.ts';

/**
 * `minsheng stats verify`: recomputes every figure from the case histories
 * (plain SQL over case_history, cases and case_assignments, nothing read
 * from the aggregates) and compares, in one REPEATABLE READ snapshot:
 * - stats_case_facts and stats_open, for every case the projector has read;
 * - stats_daily and stats_rollup, with what the projector has not read yet
 *   added the way the dashboard adds it (so a lagging projector is no error,
 *   a wrong aggregate row is);
 * - stats_calls_daily against hotline_calls.
 */
export interface Difference {
  table: string;
  /** `expected`: a recomputed row the aggregate lacks or holds differently; `unexpected`: an aggregate row recomputation does not produce. */
  kind: 'expected' | 'unexpected';
  row: Record<string, unknown>;
}

export interface VerifyReport {
  ok: boolean;
  projectedThrough: number;
  tailEntries: number;
  checked: Record<string, number>;
  differenceCount: number;
  /** The first few differences of each table. */
  differences: Difference[];
}

const SAMPLE = 5;

async function compare(trx: Trx, table: string, expected: RawBuilder<unknown>, actual: RawBuilder<unknown>, report: VerifyReport) {
  const { rows } = await sql<{ kind: 'expected' | 'unexpected'; n: number; samples: Record<string, unknown>[] | null }>`
    WITH e AS (${expected}), a AS (${actual}),
    d AS (
      SELECT 'expected' AS kind, to_jsonb(x) AS row FROM (SELECT * FROM e EXCEPT ALL SELECT * FROM a) x
      UNION ALL
      SELECT 'unexpected', to_jsonb(y) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM e) y
    )
    SELECT kind, count(*)::int AS n, (array_agg(row))[1:${SAMPLE}] AS samples FROM d GROUP BY kind`.execute(trx);
  const { rows: [count] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${expected}) e`.execute(trx);
  report.checked[table] = count.n;
  for (const r of rows) {
    report.differenceCount += r.n;
    for (const row of r.samples ?? []) report.differences.push({ table, kind: r.kind, row });
  }
}

export async function verifyStats(db: Db): Promise<VerifyReport> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tail = await prepareTail(trx, Number.MAX_SAFE_INTEGER);
    const report: VerifyReport = { ok: true, projectedThrough: tail.projectedThrough, tailEntries: tail.tailEntries, checked: {}, differenceCount: 0, differences: [] };
    await sql`DROP TABLE IF EXISTS stats_verify_facts, stats_verify_daily`.execute(trx);
    await sql`CREATE TEMP TABLE stats_verify_facts ON COMMIT DROP AS ${factsQuery(everything)}`.execute(trx);
    await sql`CREATE TEMP TABLE stats_verify_daily ON COMMIT DROP AS ${dailyOf(sql`SELECT * FROM stats_verify_facts`)}`.execute(trx);

    const notTail = tail.hasTail ? sql`case_id NOT IN (SELECT case_id FROM stats_tail_cases)` : sql`true`;
    await compare(trx, 'stats_case_facts',
      sql`SELECT * FROM stats_verify_facts WHERE ${notTail}`,
      sql`SELECT * FROM stats_case_facts WHERE ${notTail}`, report);

    await compare(trx, 'stats_open',
      sql`SELECT * FROM (${openCasesQuery(sql`true`)}) o WHERE ${notTail}`,
      sql`SELECT * FROM stats_open WHERE ${notTail}`, report);

    const plusTail = (stored: string, keys: string, tailRows: RawBuilder<unknown>) => tail.hasTail
      ? sql`SELECT ${sql.raw(keys)}, ${sumCounters()} FROM (SELECT * FROM ${sql.table(stored)} UNION ALL ${tailRows}) t
             GROUP BY ${sql.raw(keys)} HAVING ${anyNonZeroSum}`
      : sql`SELECT * FROM ${sql.table(stored)}`;
    await compare(trx, 'stats_daily', sql`SELECT * FROM stats_verify_daily`,
      plusTail('stats_daily', 'day, unit_id, region_id, category_id, channel, type', sql`SELECT * FROM stats_tail`), report);
    await compare(trx, 'stats_rollup', rollupOf(sql`SELECT * FROM stats_verify_daily`),
      plusTail('stats_rollup', 'cuboid, grain, period, key, key2, channel, type', tail.hasTail ? rollupOf(sql`SELECT * FROM stats_tail`) : sql``), report);

    const { rows: [calls] } = await sql<{ exists: boolean }>`SELECT to_regclass('hotline_calls') IS NOT NULL AS exists`.execute(trx);
    if (calls.exists) {
      await compare(trx, 'stats_calls_daily',
        sql`SELECT (offered_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*)::int AS offered,
                   (count(*) FILTER (WHERE outcome = 'answered'))::int AS answered,
                   (count(*) FILTER (WHERE outcome = 'answered' AND answered_at - offered_at <= interval '15 seconds'))::int AS answered_within_15s,
                   (count(*) FILTER (WHERE outcome = 'abandoned'))::int AS abandoned,
                   (count(*) FILTER (WHERE outcome = 'called_back'))::int AS called_back
              FROM hotline_calls GROUP BY 1`,
        sql`SELECT day, offered, answered, answered_within_15s, abandoned, called_back FROM stats_calls_daily`, report);
    }
    report.ok = report.differenceCount === 0;
    return report;
  });
}
