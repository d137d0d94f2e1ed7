import os from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb } from '../src/db/database.ts';
import { dashboard, naiveDashboard, type DashboardQuery } from '../src/modules/stats/stats.dashboard.ts';
import { drill } from '../src/modules/stats/stats.drill.ts';
import { league } from '../src/modules/stats/stats.league.ts';
import { runProjector } from '../src/modules/stats/stats.projector.ts';
import { verifyStats } from '../src/modules/stats/stats.verify.ts';
import { generateCity, NOW, YEAR } from './stats-data.ts';
import { benchDatabase, report, round, timeRuns } from './support.ts';

/**
 * Statistics over a generated city-year of N appeals (default 1,000,000;
 * bench/stats-data.ts): builds the data set, projects it into the
 * aggregates, then measures the city-year dashboard and a county league
 * table from the aggregates, and the same dashboard computed the naive way
 * (GROUP BY over cases, case_history and case_assignments) in the same run.
 * Also checks that both dashboards are equal and that `stats verify` finds
 * no difference.
 */
export async function main(args: string[]) {
  const { values } = parseArgs({ args, options: {
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '40' },
    'naive-runs': { type: 'string' },
    'skip-verify': { type: 'boolean', default: false },
  } });
  const n = Number(values.cases);
  const runs = Number(values.runs);
  const naiveRuns = Number(values['naive-runs'] ?? (n >= 300_000 ? 3 : 5));
  const bench = await benchDatabase('stats');
  const log = (m: string) => console.error(m);
  try {
    const dbName = new URL(bench.url).pathname.slice(1);
    // A server tuned for analytics queries; it helps the naive way more than the aggregates.
    await sql`${sql.raw(`ALTER DATABASE ${dbName} SET work_mem = '256MB'`)}`.execute(bench.db);
    await sql`${sql.raw(`ALTER DATABASE ${dbName} SET maintenance_work_mem = '1GB'`)}`.execute(bench.db);
    const db = createDb(bench.url, 4);
    try {
      log(`generating ${n} cases`);
      const t0 = performance.now();
      const loader = createDb(bench.url, 1);
      try {
        await generateCity(loader, n, log);
      } finally {
        await loader.destroy();
      }
      await sql`VACUUM ANALYZE`.execute(db);
      const buildSeconds = (performance.now() - t0) / 1000;
      const { rows: [size] } = await sql<{ cases: number; history: number; assignments: number; units: number; calls: number }>`
        SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_history) AS history,
               (SELECT count(*) FROM case_assignments) AS assignments, (SELECT count(*) FROM units) AS units,
               (SELECT count(*) FROM hotline_calls) AS calls`.execute(db);
      const { rows: states } = await sql<{ state: string; n: number }>`SELECT state, count(*)::int AS n FROM cases GROUP BY state ORDER BY n DESC`.execute(db);
      log(`  ${JSON.stringify(size)}; states ${states.map((s) => `${s.state} ${s.n}`).join(', ')}`);

      log('projecting (first run: rebuild from the history)');
      const t1 = performance.now();
      const projected = await runProjector(db);
      const projectSeconds = (performance.now() - t1) / 1000;
      await sql`VACUUM ANALYZE stats_case_facts, stats_daily, stats_rollup`.execute(db);
      const { rows: [aggSize] } = await sql<{ facts: number; daily: number; rollup: number }>`
        SELECT (SELECT count(*) FROM stats_case_facts) AS facts, (SELECT count(*) FROM stats_daily) AS daily, (SELECT count(*) FROM stats_rollup) AS rollup`.execute(db);
      log(`  ${projectSeconds.toFixed(1)} s; ${JSON.stringify(aggSize)}`);

      // Incremental: the last 20,000 history entries read again (their cases recomputed and moved).
      await sql`UPDATE stats_cursor SET last_history_id = greatest(0, (SELECT max(id) FROM case_history) - 20000)`.execute(db);
      const t2 = performance.now();
      const incremental = await runProjector(db);
      const incrementalMs = performance.now() - t2;
      log(`  incremental batch: ${incremental.entries} entries, ${incremental.cases} cases in ${incrementalMs.toFixed(0)} ms`);

      const now = new Date(NOW);
      const q: DashboardQuery = { period: YEAR, filters: {}, bucket: 'month', categoryLevel: 2, top: 10, now, calls: true };
      const { rows: [county] } = await sql<{ path: string }>`SELECT path FROM units WHERE key = 'c1'`.execute(db);
      log('measuring');
      // The machine may be shared: the load while measuring says how far to trust the tails.
      const loadBefore = os.loadavg()[0];
      await timeRuns(3, () => dashboard(db, q));
      const dash = await timeRuns(runs, () => dashboard(db, q));
      const dashWeekly = await timeRuns(runs, () => dashboard(db, { ...q, bucket: 'week' }));
      const dashCounty = await timeRuns(Math.ceil(runs / 2), () => dashboard(db, { ...q, filters: { unitPath: county.path } }));
      const lq = { period: YEAR, level: 'county' as const, scopePath: '/', filters: {}, top: 3, minVolume: 1 };
      await timeRuns(3, () => league(db, lq));
      const leagueCounty = await timeRuns(runs, () => league(db, lq));
      const leagueDept = await timeRuns(runs, () => league(db, { ...lq, level: 'department' }));
      const drillPage = await timeRuns(Math.ceil(runs / 2), () => drill(db, { figure: 'closedLate', period: YEAR, filters: {}, limit: 50, offset: 0, now }));

      const loadAfter = os.loadavg()[0];
      const fast = await dashboard(db, q);
      let naiveResult: Awaited<ReturnType<typeof naiveDashboard>> | undefined;
      const naive = await timeRuns(naiveRuns, async () => { naiveResult = await naiveDashboard(db, q); });
      const equal = isDeepStrictEqual({ ...fast, asOf: null }, { ...naiveResult!, asOf: null });
      log(`  dashboard p95 ${dash.p95} ms, league p95 ${leagueCounty.p95} ms, naive p95 ${naive.p95} ms, equal: ${equal}`);

      let verify: { ok: boolean; seconds: number } | null = null;
      if (!values['skip-verify']) {
        const t3 = performance.now();
        const v = await verifyStats(db);
        verify = { ok: v.ok, seconds: round((performance.now() - t3) / 1000) };
        log(`  verify: ${v.ok ? 'OK' : `${v.differenceCount} differences`} in ${verify.seconds} s`);
      }

      report('stats', {
        cases: n,
        units: size.units,
        history_entries: size.history,
        assignments: size.assignments,
        call_records: size.calls,
        states: Object.fromEntries(states.map((s) => [s.state, s.n])),
        build_seconds: round(buildSeconds),
        project_rebuild_seconds: round(projectSeconds),
        projected_rebuilt: projected.rebuilt,
        aggregate_rows: aggSize,
        incremental_entries: incremental.entries,
        incremental_cases: incremental.cases,
        incremental_ms: round(incrementalMs),
        dashboard_median_ms: dash.median,
        dashboard_p95_ms: dash.p95,
        dashboard_weekly_p95_ms: dashWeekly.p95,
        dashboard_county_filter_p95_ms: dashCounty.p95,
        league_median_ms: leagueCounty.median,
        league_p95_ms: leagueCounty.p95,
        league_department_p95_ms: leagueDept.p95,
        drill_first_page_p95_ms: drillPage.p95,
        load_average_while_measuring: [round(loadBefore), round(loadAfter)],
        naive_dashboard_median_ms: naive.median,
        naive_dashboard_p95_ms: naive.p95,
        naive_runs: naiveRuns,
        speedup_p95: round(naive.p95 / Math.max(dash.p95, 0.01)),
        naive_equals_aggregates: equal,
        verify_ok: verify?.ok ?? null,
        verify_seconds: verify?.seconds ?? null,
      });
    } finally {
      await db.destroy();
    }
  } finally {
    await bench.close();
  }
}
