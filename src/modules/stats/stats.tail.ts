import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';
import { unprojectedDelta } from './stats.delta.ts';
import { casesInTable, factsQuery } from './stats.facts.ts';
import { openCasesQuery } from './stats.live.ts';

/**
 * What the projector has not read yet, so readers can add it and show
 * figures exact up to now: inside the reader's REPEATABLE READ transaction,
 * the cases with history after the cursor (or in an open gap) get their facts
 * recomputed (temp table `stats_tail_facts`), and their difference to the
 * stored facts is temp table `stats_tail` (fine grain, signed); their open-case
 * rows are `stats_tail_open`. With a large
 * backlog (the projector down for long) the tail is left out and the
 * figures say so (`exact: false`).
 */
export const MAX_TAIL_ENTRIES = 50_000;

/** History entries inside known gaps (one index range scan per gap). */
export const inGaps = sql`(SELECT h.case_id FROM stats_gaps g CROSS JOIN LATERAL (SELECT case_id FROM case_history WHERE id BETWEEN g.lo AND g.hi OFFSET 0) h)`;

export interface TailInfo {
  /** The newest history id already in the aggregates. */
  projectedThrough: number;
  /** History entries not yet in the aggregates (added by this reader when `exact`). */
  tailEntries: number;
  tailCases: number;
  /** False when the backlog is larger than MAX_TAIL_ENTRIES and was left out. */
  exact: boolean;
  /** Whether temp tables stats_tail_cases, stats_tail_facts, stats_tail and stats_tail_open exist in this transaction. */
  hasTail: boolean;
}

export async function prepareTail(trx: Trx, maxEntries = MAX_TAIL_ENTRIES): Promise<TailInfo> {
  const { rows: [c] } = await sql<{ cursor: number; entries: number }>`
    WITH c AS (SELECT last_history_id FROM stats_cursor WHERE name = 'stats')
    SELECT c.last_history_id::float8 AS cursor,
           ((SELECT count(*) FROM (SELECT 1 FROM case_history WHERE id > c.last_history_id LIMIT ${maxEntries + 1}) x)
          + (SELECT count(*) FROM ${inGaps} x))::int AS entries
      FROM c`.execute(trx);
  const info: TailInfo = { projectedThrough: c.cursor, tailEntries: c.entries, tailCases: 0, exact: true, hasTail: false };
  if (c.entries === 0) return info;
  if (c.entries > maxEntries) return { ...info, exact: false };
  await sql`DROP TABLE IF EXISTS stats_tail_cases, stats_tail_facts, stats_tail, stats_tail_open`.execute(trx);
  await sql`CREATE TEMP TABLE stats_tail_cases ON COMMIT DROP AS
    SELECT case_id FROM case_history WHERE id > ${c.cursor}
    UNION SELECT case_id FROM ${inGaps} x`.execute(trx);
  await sql`CREATE TEMP TABLE stats_tail_facts ON COMMIT DROP AS ${factsQuery(casesInTable('stats_tail_cases'))}`.execute(trx);
  await sql`CREATE TEMP TABLE stats_tail ON COMMIT DROP AS ${unprojectedDelta('stats_tail_facts', 'stats_tail_cases')}`.execute(trx);
  await sql`CREATE TEMP TABLE stats_tail_open ON COMMIT DROP AS ${openCasesQuery(sql`c.id IN (SELECT case_id FROM stats_tail_cases)`)}`.execute(trx);
  const { rows: [t] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stats_tail_cases`.execute(trx);
  return { ...info, tailCases: t.n, hasTail: true };
}
