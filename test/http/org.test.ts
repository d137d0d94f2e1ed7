import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { ok, refused } from '../support/expect.ts';

/** The organisation tree over HTTP: create, rename, move, deactivate, with history and case visibility following. */
describe('organisation units', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const unitRow = (id: number) => t.tdb.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const allUnits = () => t.tdb.db.selectFrom('units').select(['id', 'parentId', 'name', 'level', 'path', 'active']).orderBy('id').execute();
  const create = (key: string, name: string, parent: number, kind = 'region') =>
    t.call('admin', 'POST', '/api/units', { key, name, kind, parentId: parent });

  it('creates a unit under a county with its level and path computed', async () => {
    const ca = await unitRow(t.org.units['ca']);
    assert.equal(ca.level, 2);
    const town = await ok(create('ca.t3', '甲三镇', ca.id), 201);
    assert.equal(town.level, 3);
    assert.equal(town.parentId, ca.id);
    assert.equal(town.name, '甲三镇');
    assert.equal(town.active, true);
    const row = await unitRow(town.id);
    assert.equal(row.path, `${ca.path}${town.id}/`);
    assert.equal(row.level, 3);

    const village = await ok(create('ca.t3.v1', '甲三村', town.id), 201);
    assert.equal(village.level, 4);
    assert.equal((await unitRow(village.id)).path, `${row.path}${village.id}/`);

    // A county department sits at the county's level, a city department at the city's.
    const dept = await ok(create('ca.jyj', '甲县教育局', ca.id, 'department'), 201);
    assert.equal(dept.level, 2);

    const list = await ok(t.call('ca.h', 'GET', '/api/units'));
    assert.ok(list.some((u: { id: number }) => u.id === village.id), 'every staff member reads the tree');
  });

  it('refuses a duplicate key, an unknown parent, an unknown kind, a second root', async () => {
    const before = await allUnits();
    await refused(create('ca.t1', '重复编码镇', t.org.units['ca']), 409, 'CONFLICT');
    await refused(create('zz.new', '无上级镇', 999999), 404, 'UNIT_NOT_FOUND');
    await refused(create('zz.kind', '奇怪单位', t.org.units['ca'], 'company'), 400, 'INVALID_INPUT');
    await refused(t.call('admin', 'POST', '/api/units', { key: 'zz.root', name: '第二个市', kind: 'region' }), 400, 'INVALID_INPUT');
    await refused(t.call('admin', 'POST', '/api/units', { key: 'zz.name', name: '', kind: 'region', parentId: t.org.units['ca'] }), 400, 'INVALID_INPUT');
    assert.deepEqual(await allUnits(), before);
  });

  it('refuses a fifth level, by creation or by a move', async () => {
    const before = await allUnits();
    const village = t.org.units['ca.t1.v1'];
    const err = await refused(create('ca.t1.v1.g1', '第一村民小组', village), 400, 'INVALID_INPUT');
    assert.match(err.message, /四级/);
    // A township with a village moved under another township would put the village at level 5.
    await refused(t.call('admin', 'POST', `/api/units/${t.org.units['ca.t1']}/move`, { parentId: t.org.units['ca.t2'] }), 400, 'INVALID_INPUT');
    // A township moved under a village.
    await refused(t.call('admin', 'POST', `/api/units/${t.org.units['ca.t2']}/move`, { parentId: village }), 400, 'INVALID_INPUT');
    assert.deepEqual(await allUnits(), before);
  });

  it('renames a unit, and the new name shows where the unit shows', async () => {
    const id = t.org.units['ca.t2'];
    const renamed = await ok(t.call('admin', 'POST', `/api/units/${id}/rename`, { name: '甲二街道' }));
    assert.equal(renamed.name, '甲二街道');
    assert.equal((await unitRow(id)).name, '甲二街道');
    const me = await ok(t.call('ca.t2.h', 'GET', '/api/me'));
    assert.equal(me.unitName, '甲二街道');
    await refused(t.call('admin', 'POST', `/api/units/${id}/rename`, { name: '' }), 400, 'INVALID_INPUT');
    await refused(t.call('admin', 'POST', '/api/units/999999/rename', { name: '不存在镇' }), 404, 'UNIT_NOT_FOUND');
    assert.equal((await unitRow(id)).name, '甲二街道');
  });

  it('moves a subtree under another county: paths and levels follow, and so does who sees its cases', async () => {
    const { units } = t.org;
    // A township with a village under 甲县, and a case with the village.
    const town = await ok(create('mv.t', '迁移镇', units['ca']), 201);
    const village = await ok(create('mv.t.v', '迁移村', town.id), 201);
    const c = await ok(t.call('op', 'POST', '/api/cases', {
      channel: 'hotline', type: 'help', title: '村道塌陷', content: '迁移村村口道路塌陷，车辆无法通行。', register: true,
    }), 201);
    await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: village.id }));
    assert.equal((await t.call('ca.h', 'GET', `/api/cases/${c.id}`)).statusCode, 200, 'the old county sees it');
    assert.equal((await t.call('cb.h', 'GET', `/api/cases/${c.id}`)).statusCode, 404, 'the other county does not');

    const others = (await allUnits()).filter((u) => u.id !== town.id && u.id !== village.id);
    const moved = await ok(t.call('admin', 'POST', `/api/units/${town.id}/move`, { parentId: units['cb'] }));
    assert.equal(moved.parentId, units['cb']);
    assert.equal(moved.level, 3);
    const cb = await unitRow(units['cb']);
    const townRow = await unitRow(town.id);
    const villageRow = await unitRow(village.id);
    assert.equal(townRow.path, `${cb.path}${town.id}/`);
    assert.equal(villageRow.path, `${cb.path}${town.id}/${village.id}/`);
    assert.equal(villageRow.parentId, town.id);
    assert.equal(villageRow.level, 4);
    assert.deepEqual((await allUnits()).filter((u) => u.id !== town.id && u.id !== village.id), others, 'nothing else moved');

    // Visibility follows the tree.
    const newCounty = await t.call('cb.h', 'GET', `/api/cases/${c.id}`);
    assert.equal(newCounty.statusCode, 200, newCounty.body);
    const oldCounty = await t.call('ca.h', 'GET', `/api/cases/${c.id}`);
    assert.equal(oldCounty.statusCode, 404);
    assert.equal(oldCounty.json().error.code, 'CASE_NOT_FOUND');
    const cbList = await ok(t.call('cb.h', 'GET', '/api/cases'));
    assert.ok(cbList.items.some((i: { id: number }) => i.id === c.id));
    const caList = await ok(t.call('ca.h', 'GET', '/api/cases'));
    assert.ok(!caList.items.some((i: { id: number }) => i.id === c.id));

    // Moving up a level shifts the whole subtree's levels.
    const up = await ok(t.call('admin', 'POST', `/api/units/${town.id}/move`, { parentId: units['city'] }));
    assert.equal(up.level, 2);
    assert.equal((await unitRow(village.id)).level, 3);
    assert.equal((await unitRow(village.id)).path, `${(await unitRow(units['city'])).path}${town.id}/${village.id}/`);
    assert.equal((await t.call('cb.h', 'GET', `/api/cases/${c.id}`)).statusCode, 404);
  });

  it('refuses to move a unit under itself or its own subtree, or to move the root', async () => {
    const { units } = t.org;
    const before = await allUnits();
    for (const [unit, parent] of [['ca', 'ca.t1'], ['ca', 'ca.t1.v1'], ['ca', 'ca'], ['ca.t1', 'ca.t1.v1']]) {
      const err = await refused(t.call('admin', 'POST', `/api/units/${units[unit]}/move`, { parentId: units[parent] }), 400, 'INVALID_INPUT');
      assert.ok(err.message.length > 0);
    }
    await refused(t.call('admin', 'POST', `/api/units/${units['city']}/move`, { parentId: units['ca'] }), 400, 'INVALID_INPUT');
    await refused(t.call('admin', 'POST', `/api/units/${units['ca.t1']}/move`, { parentId: 999999 }), 404, 'UNIT_NOT_FOUND');
    await refused(t.call('admin', 'POST', '/api/units/999999/move', { parentId: units['ca'] }), 404, 'UNIT_NOT_FOUND');
    assert.deepEqual(await allUnits(), before);
  });

  it('refuses to deactivate a unit with active children (422); a deactivated unit takes no dispatch', async () => {
    const { units } = t.org;
    const err = await refused(t.call('admin', 'POST', `/api/units/${units['ca.t1']}/active`, { active: false }), 422, 'PRECONDITION_FAILED');
    assert.match(err.message, /下级/);
    assert.equal((await unitRow(units['ca.t1'])).active, true);

    const leaf = await ok(create('ca.t4', '甲四镇', units['ca']), 201);
    const off = await ok(t.call('admin', 'POST', `/api/units/${leaf.id}/active`, { active: false }));
    assert.equal(off.active, false);
    assert.equal((await unitRow(leaf.id)).active, false);
    const listed = await ok(t.call('admin', 'GET', '/api/units'));
    assert.ok(!listed.some((u: { id: number }) => u.id === leaf.id), 'hidden from the default list');
    const all = await ok(t.call('admin', 'GET', '/api/units?includeInactive=true'));
    assert.ok(all.some((u: { id: number; active: boolean }) => u.id === leaf.id && !u.active));

    const c = await ok(t.call('op', 'POST', '/api/cases', {
      channel: 'web', type: 'help', title: '垃圾未清运', content: '甲四镇集市垃圾三天未清运。', register: true,
    }), 201);
    const before = await t.tdb.db.selectFrom('caseAssignments').select('id').where('caseId', '=', c.id).execute();
    const res = await t.act('disp', c.id, 'dispatch', { leadUnitId: leaf.id });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'INVALID_INPUT');
    const asAssist = await t.act('disp', c.id, 'dispatch', { leadUnitId: units['ca'], assistUnitIds: [leaf.id] });
    assert.equal(asAssist.statusCode, 400, asAssist.body);
    const row = await t.tdb.db.selectFrom('cases').select(['state', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'registered', version: c.version });
    assert.deepEqual(await t.tdb.db.selectFrom('caseAssignments').select('id').where('caseId', '=', c.id).execute(), before);

    // Reactivated, it can take cases again.
    await ok(t.call('admin', 'POST', `/api/units/${leaf.id}/active`, { active: true }));
    assert.equal((await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: leaf.id }))).state, 'dispatched');
  });

  it('keeps a history of create, rename, move and deactivate with the before and after', async () => {
    const { units } = t.org;
    const unit = await ok(create('hist.t', '历史镇', units['ca']), 201);
    await ok(t.call('admin', 'POST', `/api/units/${unit.id}/rename`, { name: '历史街道' }));
    await ok(t.call('admin', 'POST', `/api/units/${unit.id}/move`, { parentId: units['cb'] }));
    await ok(t.call('admin', 'POST', `/api/units/${unit.id}/active`, { active: false }));
    // A refused change leaves no trace.
    await refused(t.call('admin', 'POST', `/api/units/${unit.id}/move`, { parentId: unit.id }), 400, 'INVALID_INPUT');

    const history = await ok(t.call('ca.h', 'GET', `/api/units/${unit.id}/history`));
    assert.deepEqual(history.map((h: { action: string }) => h.action), ['create', 'rename', 'move', 'deactivate']);
    const [created, renamed, moved, deactivated] = history;
    assert.equal(created.before, null);
    assert.deepEqual(created.after, { name: '历史镇', parentId: units['ca'], kind: 'region' });
    assert.deepEqual(renamed.before, { name: '历史镇' });
    assert.deepEqual(renamed.after, { name: '历史街道' });
    assert.deepEqual(moved.before, { parentId: units['ca'] });
    assert.deepEqual(moved.after, { parentId: units['cb'] });
    assert.deepEqual(deactivated.before, { active: true });
    assert.deepEqual(deactivated.after, { active: false });
    for (const h of history) {
      assert.equal(h.actorUserId, t.org.users['admin']);
      assert.ok(!Number.isNaN(Date.parse(h.at)));
    }
  });

  it('answers an unknown unit id with 404 and a malformed one with 400', async () => {
    await refused(t.call('admin', 'GET', '/api/units/999999/history'), 404, 'UNIT_NOT_FOUND');
    await refused(t.call('admin', 'POST', '/api/units/999999/active', { active: false }), 404, 'UNIT_NOT_FOUND');
    await refused(t.call('admin', 'GET', '/api/units/abc/history'), 400, 'INVALID_INPUT');
  });

  it('lets only administrators change the tree', async () => {
    const before = await allUnits();
    for (const who of ['ca.h', 'ca.head', 'disp', 'sup', 'lead']) {
      await refused(t.call(who, 'POST', `/api/units/${t.org.units['ca.t1']}/rename`, { name: '改名镇' }), 403, 'FORBIDDEN');
      await refused(t.call(who, 'POST', `/api/units/${t.org.units['ca.t1']}/move`, { parentId: t.org.units['cb'] }), 403, 'FORBIDDEN');
      await refused(t.call(who, 'POST', `/api/units/${t.org.units['ca.t2']}/active`, { active: false }), 403, 'FORBIDDEN');
    }
    assert.deepEqual(await allUnits(), before);
  });
});
