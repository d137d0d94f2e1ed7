import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TopicInput } from '../../src/domain/hottopics.ts';
import { runExclusive } from '../../src/jobs/runner.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import { computeHotTopics, HOT_TOPICS_JOB, SURGE_EVENT, withoutNames } from '../../src/modules/hottopic/hottopic.job.ts';
import { runAs } from '../support/commands.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { background, mixingPlant, streetLight } from './fixture.ts';

/**
 * The hot-topics job and API on a real database: reruns change nothing,
 * a fast-growing topic alerts the centre once, and readers see only their
 * share of a topic.
 */
describe('hot topics: job and API', () => {
  let t: TestApp;
  const now = Date.now();
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000);
  const ids: Record<string, number> = {};

  const intake = async (key: string, a: TopicInput, receivedAt: Date, regionUnitId: number | null, extra: Record<string, unknown> = {}) => {
    const row = await runAs(t.tdb.db, 'op', new Date(), (ctx) => createCase(ctx, {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title: a.title, content: a.content, receivedAt, regionUnitId, register: true, ...extra,
    }));
    ids[key] = row.id;
    return row.id;
  };
  const run = () => runExclusive(t.tdb.db, HOT_TOPICS_JOB, (trx) => computeHotTopics(trx, new Date()));
  const topics = () => t.tdb.db.selectFrom('hotTopics').select(['id', 'label', 'size', 'active', 'alertedAt']).orderBy('id').execute();
  const members = () => t.tdb.db.selectFrom('hotTopicCases').select(['topicId', 'caseId']).orderBy('topicId').orderBy('caseId').execute();
  const alerts = () => t.tdb.db.selectFrom('notifications').select(['userId', 'title', 'body', 'caseId']).where('kind', '=', SURGE_EVENT).orderBy('userId').execute();

  before(async () => {
    t = await startTestApp();
    const { units } = t.org;
    // A city's background over the last ten days, and two of the mixing-plant complaints a few days ago.
    for (const [i, a] of background.entries()) await intake(`bg${i}`, a, hoursAgo(30 + i * 9), null);
    // Across channels: the same problem by hotline and on the web.
    await intake('plant1', mixingPlant[0], hoursAgo(80), units['cb.t1']);
    await intake('plant2', { ...mixingPlant[1], title: `${mixingPlant[1].title}，电话13912345678` }, hoursAgo(70), units['cb.t1'], { channel: 'web' });
    await intake('light1', streetLight[0], hoursAgo(60), units['cb.t1']);
    await intake('light2', streetLight[1], hoursAgo(50), units['cb.t1']);
    const put = await t.app.inject({
      method: 'PUT', url: '/api/hot-topics/settings', headers: { cookie: await t.cookieOf('admin') },
      payload: { lookbackDays: 30, windowDays: 14, threshold: 0.3, placelessThreshold: 0.55, minSize: 2, alertMinNew: 3, alertFactor: 2, alertCooldownHours: 24 },
    });
    assert.equal(put.statusCode, 200, put.body);
  });
  after(async () => { await t.close(); });

  it('stores the topics; a second run changes nothing', async () => {
    const first = await run();
    assert.equal(first.skipped, false);
    const firstTopics = await topics();
    const firstMembers = await members();
    assert.equal(firstTopics.length, 2, JSON.stringify(firstTopics));
    const plant = firstMembers.filter((m) => m.caseId === ids.plant1)[0].topicId;
    assert.deepEqual(firstMembers.filter((m) => m.topicId === plant).map((m) => m.caseId), [ids.plant1, ids.plant2]);
    assert.match(firstTopics.find((x) => x.id === plant)!.label, /^幸福家园 · .*搅拌站/);

    const second = await run();
    assert.equal(second.skipped, false);
    if (!second.skipped) assert.equal(second.result.created, 0);
    assert.deepEqual(await topics(), firstTopics);
    assert.deepEqual(await members(), firstMembers);
    assert.deepEqual(await alerts(), [], 'two appeals in three days are no surge');
  });

  it('alerts the centre once when a topic grows fast, and not again on the next run', async () => {
    const { units } = t.org;
    await intake('plant3', mixingPlant[2], hoursAgo(5), units['cb.t1'], { channel: 'app' });
    await intake('plant4', mixingPlant[3], hoursAgo(3), units['cb.t1'], { channel: 'open311' });
    await intake('plant5', { ...mixingPlant[0], title: '王秀英反映幸福家园搅拌站半夜还在生产噪音扰民', content: '幸福家园小区旁的搅拌站半夜生产，噪音粉尘很大，无法休息。' }, hoursAgo(1), units['cb.t1'], { citizenName: '王秀英' });
    const r = await run();
    assert.ok(!r.skipped && r.result.alerts.length === 1, JSON.stringify(r));
    const sent = await alerts();
    const { users } = t.org;
    assert.deepEqual(sent.map((n) => n.userId), [users.disp, users.sup, users.admin].sort((a, b) => a - b), 'the centre’s dispatchers, supervisors and administrators');
    assert.match(sent[0].title, /热点快速升温：幸福家园/);
    assert.match(sent[0].body, /24小时内新增3件/);
    assert.equal(sent[0].caseId, null);
    assert.doesNotMatch(JSON.stringify(sent), /13912345678/);

    await run();
    assert.equal((await alerts()).length, 3, 'the cool-down keeps a second alert back');
    const plant = (await topics()).filter((x) => x.alertedAt !== null);
    assert.equal(plant.length, 1);
    assert.equal(plant[0].size, 5);
  });

  it('lists topics ranked with counts, a daily trend and redacted representative titles', async () => {
    const res = await t.call('lead', 'GET', '/api/hot-topics?window=7d');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.items.length, 2);
    const [top, second] = body.items;
    assert.equal(top.count, 5);
    assert.equal(top.last24h, 3);
    assert.equal(second.count, 2);
    assert.equal(top.place, '幸福家园');
    assert.ok(top.terms.includes('搅拌站'));
    assert.equal(top.region, '乙一街道');
    assert.equal(top.trend.length, 8, 'seven days back and today');
    assert.equal(top.trend.reduce((s: number, d: { count: number }) => s + d.count, 0), 5);
    assert.equal(top.representatives.length, 3);
    assert.ok(top.alertedAt);
    assert.doesNotMatch(res.body, /13912345678/, 'no phone number leaves the server');
    assert.doesNotMatch(res.body, /王秀英/, 'nor the citizen’s name');
    const narrow = (await t.call('lead', 'GET', '/api/hot-topics?window=1d')).json();
    assert.deepEqual(narrow.items.map((x: { count: number }) => x.count), [3]);
  });

  it('counts only what the reader may see, and filters by region unit', async () => {
    const { units } = t.org;
    // Two of the plant appeals go to 乙一街道, the rest to 甲县.
    for (const key of ['plant1', 'plant2']) assert.equal((await t.act('disp', ids[key], 'dispatch', { leadUnitId: units['cb.t1'] })).statusCode, 200);
    for (const key of ['plant3', 'plant4', 'plant5']) assert.equal((await t.act('disp', ids[key], 'dispatch', { leadUnitId: units['ca'] })).statusCode, 200);
    const street = (await t.call('cb.t1.h', 'GET', '/api/hot-topics?window=7d')).json();
    assert.deepEqual(street.items.map((x: { count: number }) => x.count), [2]);
    const topicId = street.items[0].id;
    const detail = await t.call('cb.t1.h', 'GET', `/api/hot-topics/${topicId}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.deepEqual(detail.json().cases.map((c: { id: number }) => c.id).sort(), [ids.plant1, ids.plant2].sort());
    assert.deepEqual(detail.json().cases.map((c: { channel: string }) => c.channel).sort(), ['hotline', 'web']);
    assert.doesNotMatch(detail.body, /13912345678/);
    assert.deepEqual((await t.call('ca.t2.h', 'GET', '/api/hot-topics?window=7d')).json().items, []);
    assert.equal((await t.call('ca.t2.h', 'GET', `/api/hot-topics/${topicId}`)).statusCode, 404, 'none of it visible: not found');
    const all = await t.call('lead', 'GET', `/api/hot-topics/${topicId}`);
    assert.equal(all.json().cases.length, 5);
    assert.doesNotMatch(all.body, /王秀英/);
    assert.ok(all.body.includes('王**反映幸福家园'), 'the name is masked in the title');

    assert.equal((await t.call('lead', 'GET', `/api/hot-topics?window=7d&unit=${units.cb}`)).json().items.length, 2);
    assert.deepEqual((await t.call('lead', 'GET', `/api/hot-topics?window=7d&unit=${units.ca}`)).json().items, []);
  });

  it('drops words that name a member’s citizen from a topic', () => {
    const c = { caseIds: [1, 2], representativeIds: [1], terms: ['搅拌站', '秀英', '噪音'], place: '王秀英家', region: null, firstAt: new Date(), lastAt: new Date() };
    const [clean] = withoutNames([c], new Map([[1, '王秀英'], [2, null]]));
    assert.deepEqual(clean.terms, ['搅拌站', '噪音']);
    assert.equal(clean.place, null);
    assert.deepEqual(withoutNames([c], new Map())[0], c);
  });

  it('refuses bad input and strangers', async () => {
    const unknownUnit = await t.call('lead', 'GET', '/api/hot-topics?unit=999999');
    assert.equal(unknownUnit.statusCode, 404);
    assert.equal(unknownUnit.json().error.code, 'UNIT_NOT_FOUND');
    for (const q of ['window=0d', 'window=7', 'window=91d', 'limit=0', 'foo=1']) {
      const res = await t.call('lead', 'GET', `/api/hot-topics?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().error.code, 'INVALID_INPUT', q);
    }
    assert.equal((await t.call('lead', 'GET', '/api/hot-topics/abc')).statusCode, 400);
    assert.equal((await t.call('lead', 'GET', '/api/hot-topics/999999')).statusCode, 404);
    assert.equal((await t.call(null, 'GET', '/api/hot-topics')).statusCode, 401);
    const settings = { lookbackDays: 30, windowDays: 14, threshold: 5, placelessThreshold: 0.55, minSize: 2, alertMinNew: 3, alertFactor: 2, alertCooldownHours: 24 };
    const put = (user: string, payload: unknown) => t.cookieOf(user).then((cookie) => t.app.inject({ method: 'PUT', url: '/api/hot-topics/settings', headers: { cookie }, payload: payload as object }));
    assert.equal((await put('admin', settings)).statusCode, 400);
    assert.equal((await put('disp', { ...settings, threshold: 0.3 })).statusCode, 403);
    assert.equal((await t.call('disp', 'GET', '/api/hot-topics/settings')).json().threshold, 0.3, 'nothing changed');
  });
});
