import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { openCasesQuery } from './stats.live.ts';
import { allZero, anyNonZeroSum, counterColumns, counterList, factsQuery, negatedCounters, sumCounters } from './stats.facts.ts';

/**
 * Moving figures between the per-case facts and the aggregates: a change
 * to some cases is (their new facts) − (their stored facts), summed per
 * aggregate row and added to stats_daily and stats_rollup. Every statement
 * is set-based; rows that fall to zero are removed, so the aggregates hold
 * exactly the rows a recomputation would produce.
 */

const dims = sql.raw('day, unit_id, region_id, category_id, channel, type');
const rollupKey = sql.raw('cuboid, grain, period, key, key2, channel, type');

/**
 * The rollup rows (cuboid, grain, period, key, key2, channel, type, counters…)
 * of fine-grained rows `(day, unit_id, region_id, category_id, channel, type, counters…)`:
 * the total (channel × type), category, region and unit cuboids per day,
 * month and year; unit × channel × type, unit × region and unit × category
 * (what a unit's own dashboard groups by) per month and year.
 */
export function rollupOf(source: RawBuilder<unknown>) {
  return sql`
    SELECT k.cuboid, g.grain, g.period, k.key, k.key2, k.channel, k.type, ${sumCounters('d.')}
      FROM (${source}) d
     CROSS JOIN LATERAL (VALUES ('day', d.day), ('month', date_trunc('month', d.day)::date), ('year', date_trunc('year', d.day)::date)) AS g(grain, period)
     CROSS JOIN LATERAL (VALUES ('total', 0, 0, d.channel, d.type), ('category', d.category_id, 0, '', ''),
                                ('region', d.region_id, 0, '', ''), ('unit', d.unit_id, 0, '', ''),
                                ('unit_ct', d.unit_id, 0, d.channel, d.type), ('unit_region', d.unit_id, d.region_id, '', ''),
                                ('unit_category', d.unit_id, d.category_id, '', '')) AS k(cuboid, key, key2, channel, type)
     WHERE g.grain <> 'day' OR k.cuboid IN ('total', 'category', 'region', 'unit')
     GROUP BY k.cuboid, g.grain, g.period, k.key, k.key2, k.channel, k.type
    HAVING ${anyNonZeroSum}`;
}

/** Fine-grained rows summed per aggregate row, zero rows dropped. */
export function dailyOf(source: RawBuilder<unknown>) {
  return sql`SELECT ${dims}, ${sumCounters()} FROM (${source}) d GROUP BY ${dims} HAVING ${anyNonZeroSum}`;
}

const addExcluded = (table: string) => sql.raw(counterColumns.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', '));

/**
 * Replaces the stored facts (and open-case rows) of the cases in temp table
 * `stats_touched` by freshly computed ones and applies the difference to the aggregates.
 * Returns how many fine aggregate rows changed.
 */
export async function reprojectTouched(trx: Queryable): Promise<number> {
  await sql`DROP TABLE IF EXISTS stats_delta`.execute(trx);
  await sql`CREATE TEMP TABLE stats_delta ON COMMIT DROP AS
    SELECT ${dims}, ${negatedCounters} FROM stats_case_facts WHERE case_id IN (SELECT case_id FROM stats_touched)`.execute(trx);
  await sql`DELETE FROM stats_case_facts WHERE case_id IN (SELECT case_id FROM stats_touched)`.execute(trx);
  await sql`INSERT INTO stats_case_facts (case_id, ${dims}, ${counterList})
    ${factsQuery({ cases: sql`c.id IN (SELECT case_id FROM stats_touched)`, assignments: sql`a.case_id IN (SELECT case_id FROM stats_touched)` })}`.execute(trx);
  await sql`INSERT INTO stats_delta SELECT ${dims}, ${counterList} FROM stats_case_facts WHERE case_id IN (SELECT case_id FROM stats_touched)`.execute(trx);
  await sql`DELETE FROM stats_open WHERE case_id IN (SELECT case_id FROM stats_touched)`.execute(trx);
  await sql`INSERT INTO stats_open ${openCasesQuery(sql`c.id IN (SELECT case_id FROM stats_touched)`)}`.execute(trx);
  return applyDelta(trx);
}

/** Adds the rows of temp table `stats_delta` (fine grain, signed) to stats_daily and stats_rollup. */
export async function applyDelta(trx: Queryable): Promise<number> {
  await sql`DROP TABLE IF EXISTS stats_delta_sum, stats_delta_roll`.execute(trx);
  await sql`CREATE TEMP TABLE stats_delta_sum ON COMMIT DROP AS ${dailyOf(sql`SELECT * FROM stats_delta`)}`.execute(trx);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stats_delta_sum`.execute(trx);
  if (rows[0].n === 0) return 0;
  await sql`INSERT INTO stats_daily AS s (${dims}, ${counterList}) SELECT * FROM stats_delta_sum
    ON CONFLICT (${dims}) DO UPDATE SET ${addExcluded('s')}`.execute(trx);
  await sql`DELETE FROM stats_daily s USING stats_delta_sum d
    WHERE (s.day, s.unit_id, s.region_id, s.category_id, s.channel, s.type) = (d.day, d.unit_id, d.region_id, d.category_id, d.channel, d.type)
      AND ${allZero('s')}`.execute(trx);
  await sql`CREATE TEMP TABLE stats_delta_roll ON COMMIT DROP AS ${rollupOf(sql`SELECT * FROM stats_delta_sum`)}`.execute(trx);
  await sql`INSERT INTO stats_rollup AS s (${rollupKey}, ${counterList}) SELECT * FROM stats_delta_roll
    ON CONFLICT (${rollupKey}) DO UPDATE SET ${addExcluded('s')}`.execute(trx);
  await sql`DELETE FROM stats_rollup s USING stats_delta_roll d
    WHERE (s.cuboid, s.grain, s.period, s.key, s.key2, s.channel, s.type) = (d.cuboid, d.grain, d.period, d.key, d.key2, d.channel, d.type)
      AND ${allZero('s')}`.execute(trx);
  return rows[0].n;
}

/** (fresh facts of `scope`) − (stored facts of the same cases), fine grain, for reading figures up to now. */
export function unprojectedDelta(freshFacts: string, casesTable: string) {
  return dailyOf(sql`
    SELECT ${dims}, ${counterList} FROM ${sql.table(freshFacts)}
    UNION ALL
    SELECT ${dims}, ${negatedCounters} FROM stats_case_facts WHERE case_id IN (SELECT case_id FROM ${sql.table(casesTable)})`);
}
