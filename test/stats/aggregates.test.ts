import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { urgeCase } from '../../src/modules/case/case.callback.ts';
import { runSweep } from '../../src/modules/deadline/sweeper.ts';
import { dashboard, naiveDashboard, type DashboardQuery } from '../../src/modules/stats/stats.dashboard.ts';
import { league, naiveLeague } from '../../src/modules/stats/stats.league.ts';
import { runProjector } from '../../src/modules/stats/stats.projector.ts';
import { verifyStats } from '../../src/modules/stats/stats.verify.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';
import { runCli } from '../support/cli.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree, type OrgTree } from '../support/factories.ts';
import { ctxOf, rng, walker } from './random-walk.ts';

const run = promisify(execFile);
const sh = (local: string) => new Date(`${local}+08:00`);

/**
 * The aggregates always equal a recomputation from the case histories:
 * after a long seeded random walk over the lifecycle with the projector
 * run at random moments and batch sizes, after running it twice, from two
 * processes at once, and when a transaction commits a history entry after
 * a later one was already projected.
 */
describe('aggregates equal recomputation', () => {
  let tdb: TestDatabase;
  let db: Db;
  let org: OrgTree;
  before(async () => {
    tdb = await freshDatabase();
    db = tdb.db;
    org = await buildOrgTree(db);
  });
  after(async () => { await tdb.drop(); });

  const unitPath = async (key: string) => (await db.selectFrom('units').select('path').where('key', '=', key).executeTakeFirstOrThrow()).path;
  const strip = <T extends { asOf: unknown }>(d: T) => ({ ...d, asOf: null });

  /** The dashboard from the aggregates equals the naive one for several slices, and verify finds nothing. */
  async function checkAll(label: string, now: Date) {
    const report = await verifyStats(db);
    assert.equal(report.differenceCount, 0, `${label}: ${JSON.stringify(report.differences.slice(0, 3))}`);
    const slices: Array<Partial<DashboardQuery>> = [
      {},
      { period: { from: '2026-03-10', to: '2026-04-20' }, bucket: 'day', categoryLevel: 2 },
      { filters: { unitPath: await unitPath('ca') }, bucket: 'month' },
      { filters: { channel: 'hotline', type: 'complaint' }, categoryLevel: 3 },
    ];
    for (const s of slices) {
      const q: DashboardQuery = { period: { from: '2026-03-01', to: '2026-05-31' }, filters: {}, bucket: 'week', categoryLevel: 1, top: 10, now, calls: true, ...s };
      assert.deepEqual(strip(await dashboard(db, q)), strip(await naiveDashboard(db, q)), `${label}: ${JSON.stringify(s)}`);
    }
    const lq = { period: { from: '2026-03-01', to: '2026-05-31' }, level: 'county' as const, scopePath: '/', filters: {}, top: 3, minVolume: 1 };
    assert.deepEqual(strip(await league(db, lq)), strip(await naiveLeague(db, lq)), `${label}: league`);
  }

  it('after a long random walk over the lifecycle, with the projector at random moments', async () => {
    const r = rng(20261127);
    const w = await walker(db, org, r, sh('2026-03-02T08:00:00'));
    for (let i = 0; i < 12; i++) await w.newCase();
    const done: Record<string, number> = {};
    let lastSweep = w.now;
    for (let i = 1; i <= 700; i++) {
      const s = await w.step();
      if (s?.ok) done[s.action] = (done[s.action] ?? 0) + 1;
      if (w.now.getTime() - lastSweep.getTime() > 86_400_000) {
        await runSweep(db, w.now);
        lastSweep = w.now;
      }
      if (r.chance(0.05)) await runProjector(db, { batchSize: 1 + r.int(40) });
      if (i % 175 === 0) await checkAll(`step ${i}`, w.now);
    }
    // The walk did reach the interesting places.
    for (const a of ['answer', 'merge', 'reject', 'sign', 'return', 'redispatch', 'draftReply', 'approve', 'recordCallback', 'rehandle', 'close']) {
      assert.ok((done[a] ?? 0) > 0, `the walk never took ${a}: ${JSON.stringify(done)}`);
    }
    const history = await db.selectFrom('caseHistory').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.ok(history.n > 500, `history entries: ${history.n}`);
    await runProjector(db);
    await checkAll('projected', w.now);
  });

  it('is idempotent: a second run changes nothing, and two concurrent runs (two processes too) add up once', async () => {
    const snapshot = async () => (await sql<{ s: string }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS s FROM stats_rollup t`.execute(db)).rows[0].s;
    await runProjector(db);
    const a = await snapshot();
    const again = await runProjector(db);
    assert.equal(again.entries, 0);
    assert.equal(await snapshot(), a);

    // More activity, then two projectors at once in this process and two child processes.
    const r = rng(7);
    const w = await walker(db, org, r, sh('2026-05-20T08:00:00'));
    w.caseIds.push(...(await db.selectFrom('cases').select('id').execute()).map((c) => c.id));
    for (let i = 0; i < 120; i++) await w.step();
    const both = await Promise.all([runProjector(db, { batchSize: 5 }), runProjector(db, { batchSize: 5 })]);
    assert.ok(both.some((b) => b.batches > 0));
    for (let i = 0; i < 60; i++) await w.step();
    const env = { ...process.env, DATABASE_URL: tdb.url };
    const outs = await Promise.all([1, 2].map(() => run(process.execPath, ['--import', 'tsx', 'test/stats/project-once.ts'], { env, cwd: process.cwd() })));
    assert.equal(outs.length, 2);
    await runProjector(db);
    await checkAll('concurrent', w.now);
  });

  it('never skips an entry whose transaction commits after a later one was projected', async () => {
    const [first, second] = await db.selectFrom('cases').select(['id', 'version']).where('state', 'in', ['registered', 'handling', 'dispatched', 'received']).orderBy('id').limit(2).execute();
    assert.ok(first && second, 'the walk left open cases');
    const sup = await loadActorByUsername(db, 'sup');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => { wrote = resolve; });
    // T1 writes a history entry for `first` and waits before committing.
    const t1 = db.transaction().execute(async (trx) => {
      await urgeCase(ctxOf(trx, sup, sh('2026-06-01T10:00:00')), { caseId: first.id, version: first.version });
      wrote();
      await gate;
    });
    await written;
    // A later entry for `second` commits first, and the projector reads past T1's id.
    await db.transaction().execute((trx) => urgeCase(ctxOf(trx, sup, sh('2026-06-01T10:01:00')), { caseId: second.id, version: second.version }));
    const p = await runProjector(db);
    assert.ok(p.openGaps >= 1, 'the uncommitted id is remembered as a gap');
    release();
    await t1;
    // Exact before the projector catches up (readers add the gap), and after.
    assert.equal((await verifyStats(db)).ok, true);
    const q = { period: { from: '2026-03-01', to: '2026-06-30' }, filters: {}, bucket: 'month' as const, categoryLevel: 1 as const, top: 5, now: sh('2026-06-02T00:00:00'), calls: false };
    assert.deepEqual(strip(await dashboard(db, q)), strip(await naiveDashboard(db, q)));
    const settled = await runProjector(db);
    assert.equal(settled.openGaps, 0);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stats_case_facts WHERE case_id = ${first.id} AND urged > 0`.execute(db);
    assert.equal(rows[0].n, 1);
    await checkAll('gap', sh('2026-06-02T00:00:00'));
  });

  it('`minsheng stats verify` exits 0, and 1 naming the row when an aggregate was tampered with', async () => {
    const env = { DATABASE_URL: tdb.url, MINSHENG_NO_JOBS: '1' };
    const ok = await runCli(['stats', 'verify'], env);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /stats verify: OK/);
    await sql`UPDATE stats_daily SET accepted = accepted + 1 WHERE ctid = (SELECT ctid FROM stats_daily WHERE accepted > 0 LIMIT 1)`.execute(db);
    const bad = await runCli(['stats', 'verify'], env);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /DIFFERENCE stats_daily/);
    assert.match(bad.stdout, /stats verify: 2 rows differ/);
    // A rebuild puts it right.
    const rebuilt = await runCli(['stats', 'rebuild'], env);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.equal((await runCli(['stats', 'verify'], env)).code, 0);
    await sql`DELETE FROM stats_rollup WHERE ctid = (SELECT ctid FROM stats_rollup WHERE cuboid = 'unit' LIMIT 1)`.execute(db);
    const gone = await runCli(['stats', 'verify'], env);
    assert.equal(gone.code, 1);
    assert.match(gone.stdout, /DIFFERENCE stats_rollup \(recomputed row missing/);
  });
});
