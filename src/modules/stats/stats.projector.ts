import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { runExclusive, type Job } from '../../jobs/runner.ts';
import { reprojectTouched, dailyOf, rollupOf } from './stats.delta.ts';
import { counterList, everything, factsQuery } from './stats.facts.ts';
import { inGaps } from './stats.tail.ts';
import { openCasesQuery } from './stats.live.ts';

/**
 * The statistics projector: reads case_history in id order from the stored
 * high-water mark (stats_cursor) and, for every case that has new entries,
 * recomputes that case's facts from its whole history and moves the
 * difference into the aggregates. Recomputing whole cases makes a run
 * idempotent (a case projected twice contributes once) and lets it catch up
 * after any downtime.
 *
 * History ids come from a sequence, so a transaction that took id 100 may
 * commit after one that took id 101. When a run sees 101 but not 100, it
 * remembers 100..100 as a gap (stats_gaps) with the transactions running at
 * that moment; every later run re-reads the gap, and drops it once all those
 * transactions have ended (then whatever committed is visible, and the rest
 * was rolled back). So no entry is ever skipped.
 *
 * One process projects at a time: each batch runs in one transaction under
 * the job's advisory lock (src/jobs/runner.ts `runExclusive`).
 */
export const STATS_JOB = 'stats-project';
/** History entries per transaction. */
export const BATCH_SIZE = 20_000;
/** A first run over more history than this rebuilds everything at once (set-based) instead of batch by batch. */
export const REBUILD_THRESHOLD = 200_000;

export interface BatchResult {
  entries: number;
  cases: number;
  cursor: number;
  openGaps: number;
}

/** Virtual transaction ids of every other transaction now open in this database. */
async function openTransactions(trx: Trx): Promise<string[]> {
  const { rows } = await sql<{ vxids: string[] }>`
    SELECT coalesce(array_agg(l.virtualxid::text), '{}') AS vxids
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'virtualxid' AND l.pid <> pg_backend_pid() AND a.datname = current_database()`.execute(trx);
  return rows[0].vxids;
}

/** Gaps in ascending `ids` after `after`: [lo, hi] ranges of ids not seen. */
export function gapsIn(ids: readonly number[], after: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let prev = after;
  for (const id of ids) {
    if (id > prev + 1) out.push([prev + 1, id - 1]);
    prev = id;
  }
  return out;
}

/** Re-reads the known gaps; returns the cases with entries in them, and drops gaps that can no longer fill. */
async function settleGaps(trx: Trx): Promise<number[]> {
  const gaps = await sql<{ lo: number; openVxids: string[] }>`SELECT lo::float8 AS lo, open_vxids FROM stats_gaps`.execute(trx);
  if (gaps.rows.length === 0) return [];
  // Liveness first, then read: a transaction that ended before this check is visible to the read below.
  const all = [...new Set(gaps.rows.flatMap((g) => g.openVxids))];
  const { rows: alive } = await sql<{ vxid: string }>`
    SELECT DISTINCT virtualxid::text AS vxid FROM pg_locks WHERE locktype = 'virtualxid' AND virtualxid::text = ANY(${all}::text[])`.execute(trx);
  const aliveSet = new Set(alive.map((a) => a.vxid));
  const { rows } = await sql<{ caseId: number }>`SELECT DISTINCT case_id FROM ${inGaps} x`.execute(trx);
  const settled = gaps.rows.filter((g) => !g.openVxids.some((v) => aliveSet.has(v))).map((g) => g.lo);
  if (settled.length) await sql`DELETE FROM stats_gaps WHERE lo = ANY(${settled}::bigint[])`.execute(trx);
  return rows.map((r) => r.caseId);
}

async function recordGaps(trx: Trx, gaps: Array<[number, number]>) {
  if (gaps.length === 0) return;
  const vxids = await openTransactions(trx);
  await sql`
    INSERT INTO stats_gaps (lo, hi, open_vxids)
    SELECT lo, hi, ${vxids}::text[] FROM unnest(${gaps.map((g) => g[0])}::bigint[], ${gaps.map((g) => g[1])}::bigint[]) AS t(lo, hi)
    ON CONFLICT (lo) DO NOTHING`.execute(trx);
}

/**
 * One batch: the entries after the cursor (at most `batchSize`) and those
 * that appeared in known gaps; their cases are re-projected; the cursor moves.
 */
export async function projectBatch(trx: Trx, batchSize = BATCH_SIZE): Promise<BatchResult> {
  const { rows: [cursor] } = await sql<{ lastHistoryId: number }>`
    SELECT last_history_id::float8 AS last_history_id FROM stats_cursor WHERE name = 'stats' FOR UPDATE`.execute(trx);
  const gapCases = await settleGaps(trx);
  const { rows: batch } = await sql<{ id: number; caseId: number }>`
    SELECT id::float8 AS id, case_id FROM case_history WHERE id > ${cursor.lastHistoryId} ORDER BY id LIMIT ${batchSize}`.execute(trx);
  await recordGaps(trx, gapsIn(batch.map((b) => b.id), cursor.lastHistoryId));
  const touched = [...new Set([...gapCases, ...batch.map((b) => b.caseId)])];
  if (touched.length) {
    await sql`DROP TABLE IF EXISTS stats_touched`.execute(trx);
    await sql`CREATE TEMP TABLE stats_touched (case_id integer PRIMARY KEY) ON COMMIT DROP`.execute(trx);
    await sql`INSERT INTO stats_touched SELECT unnest(${touched}::int[])`.execute(trx);
    await reprojectTouched(trx);
  }
  const last = batch.length ? batch[batch.length - 1].id : cursor.lastHistoryId;
  await sql`UPDATE stats_cursor SET last_history_id = ${last}, runs = runs + 1, updated_at = now() WHERE name = 'stats'`.execute(trx);
  const { rows: [g] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stats_gaps`.execute(trx);
  return { entries: batch.length, cases: touched.length, cursor: last, openGaps: g.n };
}

/**
 * Recomputes every aggregate from the history in one transaction (first
 * start on a database with history, or `minsheng stats rebuild`). Readers
 * wait for it (TRUNCATE); the cursor ends at the newest entry seen, with any
 * id still missing below it recorded as a gap.
 */
export async function rebuildAll(trx: Trx): Promise<BatchResult> {
  await sql`SELECT 1 FROM stats_cursor WHERE name = 'stats' FOR UPDATE`.execute(trx);
  const { rows: [m] } = await sql<{ max: number | null }>`SELECT max(id)::float8 AS max FROM case_history`.execute(trx);
  const last = m.max ?? 0;
  const { rows: gaps } = await sql<{ lo: number; hi: number }>`
    SELECT lo::float8 AS lo, hi::float8 AS hi FROM (SELECT id + 1 AS lo, lead(id) OVER (ORDER BY id) - 1 AS hi FROM case_history WHERE id <= ${last}) x WHERE hi >= lo
    UNION ALL
    SELECT 1, min(id) - 1 FROM case_history HAVING min(id) > 1`.execute(trx);
  await sql`TRUNCATE stats_case_facts, stats_daily, stats_rollup, stats_open, stats_gaps`.execute(trx);
  await recordGaps(trx, gaps.map((g) => [g.lo, g.hi]));
  await sql`INSERT INTO stats_case_facts (case_id, day, unit_id, region_id, category_id, channel, type, ${counterList}) ${factsQuery(everything)}`.execute(trx);
  // In key order, so each aggregate's rows for a period sit together on disk.
  await sql`INSERT INTO stats_daily ${dailyOf(sql`SELECT * FROM stats_case_facts`)} ORDER BY 1, 2, 3, 4, 5, 6`.execute(trx);
  await sql`INSERT INTO stats_rollup ${rollupOf(sql`SELECT * FROM stats_daily`)} ORDER BY 1, 2, 3, 4, 5, 6`.execute(trx);
  await sql`INSERT INTO stats_open ${openCasesQuery(sql`true`)}`.execute(trx);
  await sql`UPDATE stats_cursor SET last_history_id = ${last}, runs = runs + 1, updated_at = now() WHERE name = 'stats'`.execute(trx);
  const { rows: [c] } = await sql<{ n: number }>`SELECT count(DISTINCT case_id)::int AS n FROM stats_case_facts`.execute(trx);
  return { entries: last, cases: c.n, cursor: last, openGaps: gaps.length };
}

export interface ProjectSummary {
  skipped: boolean;
  rebuilt: boolean;
  batches: number;
  entries: number;
  cases: number;
  cursor: number | null;
  openGaps: number;
}

/**
 * Projects until caught up (or `maxBatches`): each batch in its own
 * transaction under the advisory lock. Another process projecting right now
 * makes this return `skipped`.
 */
export async function runProjector(db: Db, opts: { batchSize?: number; maxBatches?: number; rebuild?: boolean } = {}): Promise<ProjectSummary> {
  const summary: ProjectSummary = { skipped: false, rebuilt: false, batches: 0, entries: 0, cases: 0, cursor: null, openGaps: 0 };
  const { rows: [state] } = await sql<{ cursor: number; max: number | null }>`
    SELECT (SELECT last_history_id FROM stats_cursor WHERE name = 'stats')::float8 AS cursor, (SELECT max(id) FROM case_history)::float8 AS max`.execute(db);
  if (opts.rebuild || (state.cursor === 0 && (state.max ?? 0) > REBUILD_THRESHOLD)) {
    const r = await runExclusive(db, STATS_JOB, (trx) => rebuildAll(trx));
    if (r.skipped) return { ...summary, skipped: true };
    Object.assign(summary, { rebuilt: true, batches: 1, entries: r.result.entries, cases: r.result.cases, cursor: r.result.cursor, openGaps: r.result.openGaps });
    if (!opts.rebuild) return summary;
  }
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
    const r = await runExclusive(db, STATS_JOB, (trx) => projectBatch(trx, batchSize));
    if (r.skipped) return { ...summary, skipped: summary.batches === 0 };
    summary.batches++;
    summary.entries += r.result.entries;
    summary.cases += r.result.cases;
    summary.cursor = r.result.cursor;
    summary.openGaps = r.result.openGaps;
    if (r.result.entries < batchSize) break;
  }
  return summary;
}

/** Every 10 s: project what is new (the dashboard adds the rest itself, so figures are exact meanwhile). */
export const statsProjectJob: Job = {
  name: STATS_JOB,
  everyMs: 10_000,
  exclusive: false, // runProjector takes the lock per batch
  run: (deps) => runProjector(deps.db, { maxBatches: 50 }),
};
