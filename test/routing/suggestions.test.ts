import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { categoryIdOf, messageAbout, retrain, topics, writeHistory, type Topic } from './fixture.ts';

/**
 * Suggestions over HTTP on a real database: nothing before a model, the
 * catalogue alone for a new installation, then models retrained from the
 * installation's own history rank the right category and unit first.
 */
describe('classification and routing suggestions', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const intake = async (body: Record<string, unknown>) => {
    const res = await t.call('op', 'POST', '/api/hotline/cases', { type: 'complaint', register: false, ...body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: number };
  };

  it('gives empty lists, not an error, before any model exists', async () => {
    const c = await intake(messageAbout('noise', 100));
    const res = await t.call('disp', 'GET', `/api/cases/${c.id}/suggestions`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { categories: [], units: [], model: { categoryTrainedAt: null, unitTrainedAt: null } });
    const typed = await t.call('op', 'POST', '/api/suggestions', { title: '小区物业费太高', content: '物业公司乱收费' });
    assert.equal(typed.statusCode, 200, typed.body);
    assert.deepEqual(typed.json().categories, []);
  });

  it('suggests categories from the catalogue alone on a new installation (no unit model yet)', async () => {
    const outcomes = await retrain(t.tdb.db);
    const category = outcomes.find((o) => o.kind === 'category')!;
    const unit = outcomes.find((o) => o.kind === 'unit')!;
    assert.equal(category.trained, true);
    assert.equal(unit.trained, false, 'no dispatch decisions yet');
    const res = await t.call('op', 'POST', '/api/suggestions', { title: '公租房申请', content: '想咨询公租房申请的条件和流程' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.categories.length, 3);
    assert.match(body.categories[0].name, /公租房申请/);
    assert.deepEqual(body.units, []);
    assert.ok(body.model.categoryTrainedAt);
    assert.equal(body.model.unitTrainedAt, null);
  });

  it('after retraining on past decisions, ranks the right category and unit first for new cases', async () => {
    await writeHistory(t.tdb.db, t.org);
    const outcomes = await retrain(t.tdb.db);
    assert.ok(outcomes.every((o) => o.trained), JSON.stringify(outcomes));
    // Trained in a worker thread: the process goes on answering meanwhile.
    assert.ok(outcomes.every((o) => o.trained && o.inWorker));
    for (const topic of Object.keys(topics) as Topic[]) {
      const c = await intake(messageAbout(topic, 50));
      const res = await t.call('disp', 'GET', `/api/cases/${c.id}/suggestions`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.categories[0].categoryId, await categoryIdOf(t.tdb.db, topics[topic].category), `${topic}: ${JSON.stringify(body.categories)}`);
      assert.equal(body.units[0].unitId, t.org.units[topics[topic].unit], `${topic}: ${JSON.stringify(body.units)}`);
      assert.ok(body.units.length <= 3 && body.categories.length === 3);
      for (const list of [body.categories, body.units]) {
        for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].confidence >= list[i].confidence);
        for (const s of list) assert.ok(s.confidence >= 0 && s.confidence <= 1);
      }
      assert.ok(body.units[0].name.length > 0);
    }
  });

  it('suggests for text typed at the desk, before it is saved', async () => {
    const res = await t.call('op', 'POST', '/api/suggestions', { title: '工地深夜打桩', content: '滨河路工地夜间施工噪音太大，无法休息' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().units[0].unitId, t.org.units['cb.t1']);
  });

  it('never suggests a unit that can no longer take cases', async () => {
    await t.tdb.db.updateTable('units').set({ active: false }).where('id', '=', t.org.units['cb.t1']).execute();
    try {
      const res = await t.call('op', 'POST', '/api/suggestions', { title: '工地深夜打桩', content: '滨河路工地夜间施工噪音太大，无法休息' });
      assert.ok(!res.json().units.some((u: { unitId: number }) => u.unitId === t.org.units['cb.t1']));
    } finally {
      await t.tdb.db.updateTable('units').set({ active: true }).where('id', '=', t.org.units['cb.t1']).execute();
    }
  });

  it('answers only staff who may see the case', async () => {
    const c = await intake(messageAbout('bus', 60));
    assert.equal((await t.call(null, 'GET', `/api/cases/${c.id}/suggestions`)).statusCode, 401);
    // A handling unit sees only cases assigned to it (or below it): "not found or no access".
    const hidden = await t.call('dept.zjj.h', 'GET', `/api/cases/${c.id}/suggestions`);
    assert.equal(hidden.statusCode, 404, hidden.body);
    assert.equal(hidden.json().error.code, 'CASE_NOT_FOUND');
    assert.equal((await t.call('disp', 'GET', '/api/cases/99999999/suggestions')).statusCode, 404);
    const dispatched = await t.act('disp', c.id, 'register');
    assert.equal(dispatched.statusCode, 200, dispatched.body);
    assert.equal((await t.act('disp', c.id, 'dispatch', { leadUnitId: t.org.units['dept.zjj'] })).statusCode, 200);
    assert.equal((await t.call('dept.zjj.h', 'GET', `/api/cases/${c.id}/suggestions`)).statusCode, 200);
    // Typed text: only intake staff.
    assert.equal((await t.call('dept.zjj.h', 'POST', '/api/suggestions', { title: 'x', content: 'y' })).statusCode, 403);
  });

  it('refuses a bad body with a clear error', async () => {
    const res = await t.call('op', 'POST', '/api/suggestions', { title: 1, content: 'y' });
    assert.equal(res.statusCode, 400);
    assert.ok(res.json().error.code);
    const long = await t.call('op', 'POST', '/api/suggestions', { title: 'x', content: 'y'.repeat(5001) });
    assert.equal(long.statusCode, 400);
  });

  it('keeps only the newest models per kind, and lists them for administrators', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/routing/settings', payload: { retrain: { keep: 1 } }, headers: { cookie: await t.cookieOf('admin') } });
    assert.equal(put.statusCode, 200, put.body);
    await retrain(t.tdb.db);
    const res = await t.call('admin', 'GET', '/api/routing/models');
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as Array<{ kind: string; samples: number; metrics: { seconds: number } }>;
    assert.deepEqual(items.map((m) => m.kind).sort(), ['category', 'unit']);
    assert.equal(items.find((m) => m.kind === 'unit')!.samples, 3 * 18 + 1);
    assert.equal((await t.call('disp', 'GET', '/api/routing/models')).statusCode, 403);
  });
});
