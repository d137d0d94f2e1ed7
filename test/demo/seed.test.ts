import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemoCity } from '../../src/demo/seed.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

/** The demo city is made by driving the real commands: its histories must be consistent. */
describe('the demo city', () => {
  let tdb: TestDatabase;
  const now = new Date('2026-11-20T04:00:00Z');
  before(async () => {
    tdb = await freshDatabase();
    await seedDemoCity(tdb.db, { prefix: 'AL', cases: 400, now });
  });
  after(async () => { await tdb.drop(); });

  it('has the four-level tree, staff for every role and appeals in many states', async () => {
    const levels = await tdb.db.selectFrom('units').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).where('kind', '=', 'region').groupBy('level').orderBy('level').execute();
    assert.deepEqual(levels.map((l) => l.level), [1, 2, 3, 4]);
    assert.equal(levels[1].n, 13);
    const roles = await tdb.db.selectFrom('users').select((eb) => eb.fn('unnest', ['roles']).as('role')).distinct().execute();
    assert.deepEqual(roles.map((r) => r.role).sort(), ['admin', 'dispatcher', 'handler', 'head', 'leader', 'operator', 'reviewer', 'supervisor']);
    const states = new Set((await tdb.db.selectFrom('cases').select('state').distinct().execute()).map((s) => s.state));
    for (const s of ['archived', 'closed', 'handling', 'rejected', 'merged']) assert.ok(states.has(s), `no case in ${s}`);
    assert.ok(states.size >= 9, `only ${[...states].join(',')}`);
  });

  it('opens with suggestion models trained on its own history', async () => {
    const models = await tdb.db.selectFrom('classifierModels').select(['kind', 'samples']).orderBy('kind').execute();
    assert.deepEqual(models.map((m) => m.kind), ['category', 'unit']);
    for (const m of models) assert.ok(m.samples >= 100, `${m.kind}: ${m.samples} examples`);
  });

  it('chains every case’s history from create to its current state, in time order', async () => {
    const cases = await tdb.db.selectFrom('cases').select(['id', 'state', 'receivedAt', 'number']).execute();
    const history = await tdb.db.selectFrom('caseHistory').select(['caseId', 'action', 'fromState', 'toState', 'at']).orderBy('id').execute();
    const byCase = new Map<number, typeof history>();
    for (const h of history) byCase.set(h.caseId, [...(byCase.get(h.caseId) ?? []), h]);
    for (const c of cases) {
      const h = byCase.get(c.id)!;
      assert.equal(h[0].action, 'create', c.number);
      for (let i = 1; i < h.length; i++) {
        assert.equal(h[i].fromState, h[i - 1].toState, `${c.number} step ${i}`);
        assert.ok(h[i].at >= h[i - 1].at, `${c.number} goes back in time at step ${i}`);
      }
      assert.equal(h.at(-1)!.toState, c.state, c.number);
      assert.ok(h.at(-1)!.at <= now, `${c.number} has a step in the future`);
    }
  });

  it('numbers cases by year of receipt, uniquely', async () => {
    const rows = await tdb.db.selectFrom('cases').select(['number', 'receivedAt']).execute();
    for (const r of rows) {
      const year = new Date(r.receivedAt.getTime() + 8 * 3600_000).getUTCFullYear();
      assert.match(r.number, new RegExp(`^AL${year}-\\d{6}$`));
    }
    assert.equal(new Set(rows.map((r) => r.number)).size, rows.length);
  });
});
