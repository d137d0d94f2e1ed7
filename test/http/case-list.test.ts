import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/http.ts';

/** The list filters the web app's queues use: due state, supervised, the own unit's assignments, sorting. */
describe('GET /api/cases: queue filters and sorting', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  before(async () => {
    t = await startTestApp();
    const { units } = t.org;
    const make = async (key: string, title: string, urgency = 'normal') => {
      const res = await t.call('op', 'POST', '/api/cases', { channel: 'hotline', type: 'help', urgency, title, content: `${title}，请处理。`, register: true });
      assert.equal(res.statusCode, 201, res.body);
      ids[key] = res.json().id;
    };
    await make('overdue', '甲县超期件');
    await make('soon', '甲县将到期件', 'urgent');
    await make('fine', '乙区正常件', 'critical');
    await make('waiting', '未派单件');
    for (const [key, unit] of [['overdue', 'ca'], ['soon', 'ca.t1'], ['fine', 'cb']] as const) {
      assert.equal((await t.act('disp', ids[key], 'dispatch', { leadUnitId: units[unit] })).statusCode, 200);
    }
    assert.equal((await t.act('ca.h', ids.overdue, 'sign')).statusCode, 200);
    assert.equal((await t.act('sup', ids.fine, 'supervise', { note: '请加快' })).statusCode, 200);
    const set = (id: number, due: Date) => t.tdb.db.updateTable('caseAssignments').set({ replyDueAt: due }).where('caseId', '=', id).execute();
    await set(ids.overdue, new Date(Date.now() - 3600_000));
    await set(ids.soon, new Date(Date.now() + 60_000));
    await set(ids.fine, new Date(Date.now() + 30 * 86400_000));
  });
  after(async () => { await t.close(); });

  const list = async (user: string, qs: string) => {
    const res = await t.call(user, 'GET', `/api/cases?${qs}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { total: number; items: Array<{ id: number; nextDue: { state: string } | null; nextDueAt: string | null }> };
  };
  const idsOf = (l: { items: Array<{ id: number }> }) => l.items.map((i) => i.id).sort((a, b) => a - b);

  it('dueState=overdue and due_soon follow the running unit deadlines; each row says its deadline state', async () => {
    assert.deepEqual(idsOf(await list('disp', 'dueState=overdue')), [ids.overdue]);
    assert.deepEqual(idsOf(await list('disp', 'dueState=due_soon')), [ids.soon]);
    const all = await list('disp', 'limit=10');
    const byId = new Map(all.items.map((i) => [i.id, i]));
    assert.equal(byId.get(ids.overdue)!.nextDue!.state, 'overdue');
    assert.equal(byId.get(ids.soon)!.nextDue!.state, 'due_soon');
    assert.equal(byId.get(ids.fine)!.nextDue!.state, 'on_time');
    assert.equal(byId.get(ids.waiting)!.nextDue, null);
  });

  it('unit staff count only their own subtree’s clocks', async () => {
    assert.deepEqual(idsOf(await list('cb.h', 'dueState=overdue')), []);
    assert.deepEqual(idsOf(await list('ca.h', 'dueState=overdue')), [ids.overdue]);
    assert.deepEqual(idsOf(await list('ca.t1.h', 'dueState=due_soon')), [ids.soon]);
  });

  it('mine=pending and mine=signed are the own unit’s assignments; supervised=true the supervised cases', async () => {
    assert.deepEqual(idsOf(await list('ca.t1.h', 'mine=pending')), [ids.soon]);
    assert.deepEqual(idsOf(await list('ca.h', 'mine=pending')), [], 'a county does not sign for its township');
    assert.deepEqual(idsOf(await list('ca.h', 'mine=signed')), [ids.overdue]);
    assert.deepEqual(idsOf(await list('sup', 'supervised=true')), [ids.fine]);
    assert.equal((await list('sup', 'supervised=false')).total, 3);
  });

  it('sorts by the next deadline, urgency or number, either way', async () => {
    assert.deepEqual((await list('disp', 'sort=nextDue')).items.map((i) => i.id), [ids.overdue, ids.soon, ids.fine, ids.waiting], 'no deadline last');
    assert.deepEqual((await list('disp', 'sort=-urgency&limit=2')).items.map((i) => i.id), [ids.fine, ids.soon]);
    const byNumber = (await list('disp', 'sort=number')).items.map((i) => i.id);
    assert.deepEqual(byNumber, [...byNumber].sort((a, b) => a - b));
    assert.deepEqual((await list('disp', 'sort=-number')).items.map((i) => i.id), [...byNumber].reverse());
    const bad = await t.call('disp', 'GET', '/api/cases?sort=title');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'INVALID_INPUT');
  });
});

/** The list's total stops at 10,000 ("10,000+"): counting a million visible cases exactly costs a scan of them all. */
describe('GET /api/cases: a capped total', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  it('counts exactly up to 10,000 and says "at least" beyond', async () => {
    const res = await t.call('op', 'POST', '/api/cases', { channel: 'hotline', type: 'help', urgency: 'normal', title: '路灯不亮', content: '小区门口路灯不亮，请处理。' });
    assert.equal(res.statusCode, 201, res.body);
    const copies = async (n: number, from: number) => {
      const cols = (await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'cases' AND column_name NOT IN ('id', 'number')`.execute(t.tdb.db)).rows.map((r) => sql.ref(r.c));
      await sql`INSERT INTO cases (number, ${sql.join(cols)})
        SELECT 'CAP-' || g, ${sql.join(cols)} FROM cases, generate_series(${from}::int, ${from + n - 1}::int) g WHERE id = ${res.json().id}`.execute(t.tdb.db);
    };
    const total = async () => {
      const list = await t.call('op', 'GET', '/api/cases?limit=5');
      assert.equal(list.statusCode, 200, list.body);
      return { total: list.json().total, totalCapped: list.json().totalCapped ?? false };
    };
    await copies(9_999, 1);
    assert.deepEqual(await total(), { total: 10_000, totalCapped: false }, 'exactly 10,000 is exact');
    await copies(1, 10_000);
    assert.deepEqual(await total(), { total: 10_000, totalCapped: true }, '10,001 shows as 10,000+');
  });
});
