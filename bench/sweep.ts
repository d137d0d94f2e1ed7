import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { runSweep } from '../src/modules/deadline/sweeper.ts';
import { benchDatabase, report, round, timeRuns } from './support.ts';

/**
 * The deadline sweeper over N open cases (default 100,000), each with a
 * signed lead assignment whose reply deadline lies between 3 days ago and
 * 20 days ahead, and the three rungs of the ladder. Measures (1) the
 * catch-up sweep after downtime, which fires every rung already due, and
 * (2) the steady sweep once a minute; baseline: the bare indexed count of
 * due alarms in the same database.
 */
export async function main(args: string[]) {
  const { values } = parseArgs({ args, options: { cases: { type: 'string', default: '100000' } } });
  const n = Number(values.cases);
  const bench = await benchDatabase('sweep');
  const { db } = bench;
  try {
    const now = new Date();
    const t0 = performance.now();
    await sql`
      INSERT INTO units (key, name, kind, level, path) VALUES ('city', '基准市', 'region', 1, '/1/');
      INSERT INTO units (key, name, kind, level, parent_id, path)
        SELECT 'u' || g, '单位' || g, 'department', 1, 1, '/1/' || (g + 1) || '/' FROM generate_series(1, 200) g;
    `.execute(db);
    await sql`
      INSERT INTO cases (number, query_code, channel, type, urgency, title, content, state, received_at, lead_unit_id)
      SELECT 'BM' || lpad(g::text, 7, '0'), '000000', 'hotline', 'complaint', 'normal', '基准工单' || g, '内容', 'handling',
             ${now}::timestamptz - interval '15 days', 2 + (g % 200)
        FROM generate_series(1, ${n}::int) g`.execute(db);
    await sql`
      INSERT INTO case_assignments (case_id, unit_id, role, status, dispatched_at, signed_at, reply_due_at)
      SELECT id, lead_unit_id, 'lead', 'signed', received_at, received_at,
             ${now}::timestamptz + (random() * 23 - 3) * interval '1 day'
        FROM cases`.execute(db);
    await sql`
      INSERT INTO deadline_alarms (case_id, assignment_id, stage, level, due_at, fire_at)
      SELECT a.case_id, a.id, 'reply', l.level, a.reply_due_at, a.reply_due_at + l.after
        FROM case_assignments a
        CROSS JOIN (VALUES ('urge', interval '0'), ('supervise', interval '2 days'), ('listed', interval '5 days')) AS l(level, after);
      ANALYZE;
    `.execute(db);
    const buildMs = performance.now() - t0;

    const dueCount = async (at: Date) => sql`SELECT count(*) FROM deadline_alarms WHERE fired_at IS NULL AND fire_at <= ${at}`.execute(db);
    const baselineCatchUp = await timeRuns(5, () => dueCount(now));
    const t1 = performance.now();
    const catchUp = await runSweep(db, now);
    const catchUpMs = performance.now() - t1;
    const fired = catchUp.skipped ? 0 : catchUp.result.fired;

    // Steady state: one sweep a minute for the next 30 minutes.
    const steady = await timeRuns(30, (i) => runSweep(db, new Date(now.getTime() + (i + 1) * 60_000)));
    const baselineSteady = await timeRuns(30, (i) => dueCount(new Date(now.getTime() + (i + 31) * 60_000)));
    const second = await runSweep(db, new Date(now.getTime() + 30 * 60_000));

    report('sweep', {
      cases: n,
      build_seconds: round(buildMs / 1000),
      catch_up_ms: round(catchUpMs),
      catch_up_fired: fired,
      steady_sweep_median_ms: steady.median,
      steady_sweep_p95_ms: steady.p95,
      baseline_due_count_median_ms: baselineSteady.median,
      baseline_catch_up_count_median_ms: baselineCatchUp.median,
      steady_vs_baseline_ratio: round(steady.median / Math.max(baselineSteady.median, 0.01)),
      repeat_sweep_fired: second.skipped ? null : second.result.fired,
    });
  } finally {
    await bench.close();
  }
}
