import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { duplicateText } from '../../src/domain/similarity.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import { textBands } from '../../src/modules/duplicate/duplicate.signature.ts';
import { runAs } from '../support/commands.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/**
 * The repeat check at intake (并单), over HTTP on a real database: likely
 * duplicates are offered in POST /api/cases's 201 across channels and listed
 * by GET /api/cases/:id/duplicates.
 */
describe('likely repeats at intake', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const intake = async (body: Record<string, unknown>) => {
    const res = await t.call('op', 'POST', '/api/cases', { type: 'complaint', urgency: 'normal', ...body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const offeredIds = (created: { suggestedDuplicates: Array<{ caseId: number }> }) => created.suggestedDuplicates.map((d) => d.caseId);
  const noise = {
    title: '工地夜间施工噪音扰民',
    content: '乙一街道滨河路工地每天晚上十一点以后还在施工，打桩声音很大，周边居民无法休息，请有关部门尽快处理。',
  };
  const noiseRetold = {
    title: '滨河路工地晚上施工太吵',
    content: '滨河路那个工地每天晚上十一点以后还在打桩施工，声音很大，我们周边居民都无法休息，请尽快处理。',
  };

  it('offers an earlier appeal from the same phone, across channels, whatever it is about', async () => {
    const first = await intake({ channel: 'hotline', citizenPhone: '13900001111', title: '咨询居住证办理', content: '请问办理居住证需要哪些材料，在哪里办理？' });
    const second = await intake({ channel: 'app', citizenPhone: '+86-139-0000-1111', ...noise });
    assert.ok(offeredIds(second).includes(first.id), JSON.stringify(second.suggestedDuplicates));
    const offer = second.suggestedDuplicates.find((d: { caseId: number }) => d.caseId === first.id);
    assert.deepEqual(offer.reasons, ['same_phone']);
    assert.ok(offer.score >= 0.4 && offer.score < 0.6, `score ${offer.score}`);
    assert.equal(offer.number, first.number);
    assert.equal(offer.channel, 'hotline');
  });

  it('does not offer an appeal from the same phone outside the window; a wider window offers it', async () => {
    const old = await runAs(t.tdb.db, 'op', new Date(), (ctx) => createCase(ctx, {
      channel: 'web', type: 'complaint', urgency: 'normal', citizenPhone: '13900002222', ...noise,
      receivedAt: new Date(Date.now() - 40 * 86_400_000),
    }));
    const now = await intake({ channel: 'hotline', citizenPhone: '13900002222', ...noise });
    assert.ok(!offeredIds(now).includes(old.id));
    // The setting takes effect at once (the cached configuration is checked against its version on every use).
    const setWindow = async (days: number) => t.app.inject({
      method: 'PUT', url: '/api/settings/duplicate_window_days', payload: { value: days }, headers: { cookie: await t.cookieOf('admin') },
    });
    assert.equal((await setWindow(45)).statusCode, 200);
    const again = await intake({ channel: 'hotline', citizenPhone: '13900002222', ...noise });
    assert.ok(offeredIds(again).includes(old.id));
    assert.equal((await setWindow(30)).statusCode, 200);
  });

  it('offers the same problem in the same region from another caller, not in another region', async () => {
    const { units } = t.org;
    const board = await intake({ channel: 'board', citizenPhone: '13900003333', regionUnitId: units['cb.t1'], ...noise });
    const hotline = await intake({ channel: 'hotline', citizenPhone: '13900004444', regionUnitId: units['cb.t1'], ...noiseRetold });
    const offer = hotline.suggestedDuplicates.find((d: { caseId: number }) => d.caseId === board.id);
    assert.ok(offer, JSON.stringify(hotline.suggestedDuplicates));
    assert.deepEqual(offer.reasons, ['same_region', 'similar_text']);
    assert.ok(offer.textSimilarity >= 0.3 && offer.score > offer.textSimilarity);

    const elsewhere = await intake({ channel: 'hotline', citizenPhone: '13900005555', regionUnitId: units['ca.t2'], ...noiseRetold });
    assert.ok(!offeredIds(elsewhere).includes(board.id));
    const unrelated = await intake({
      channel: 'web', citizenPhone: '13900006666', regionUnitId: units['cb.t1'],
      title: '小区路灯不亮', content: '乙一街道幸福小区3栋门口的路灯坏了一个多月，晚上出行很不方便。',
    });
    assert.ok(!offeredIds(unrelated).includes(board.id), 'same region, unrelated text');
  });

  it('offers a copied text from another caller and region (text alone, Dice ≥ 0.7), found through the text signature', async () => {
    const { units } = t.org;
    const text = {
      title: '锦江花园地下车库长期积水',
      content: '锦江花园小区地下车库每逢下雨就积水半米深，车辆无法进出，物业一直推诿不处理，请住建部门督促整改排水设施。',
    };
    const first = await intake({ channel: 'board', citizenPhone: '13900009001', regionUnitId: units['ca.t1'], ...text });
    const copy = await intake({
      channel: 'hotline', citizenPhone: '13900009002', regionUnitId: units['cb.t1'],
      title: '锦江花园地下车库积水严重', content: `${text.content}谢谢！`,
    });
    const offer = copy.suggestedDuplicates.find((d: { caseId: number }) => d.caseId === first.id);
    assert.ok(offer, JSON.stringify(copy.suggestedDuplicates));
    assert.deepEqual(offer.reasons, ['similar_text']);
    assert.ok(offer.textSimilarity >= 0.7);
    assert.equal(offer.score, offer.textSimilarity, 'text alone scores its similarity');
    const listed = await t.call('op', 'GET', `/api/cases/${copy.id}/duplicates`);
    assert.ok(listed.json().items.some((d: { caseId: number }) => d.caseId === first.id), 'the case page finds it too');
    const stored = await t.tdb.db.selectFrom('cases').select('dupBands').where('id', '=', copy.id).executeTakeFirstOrThrow();
    assert.equal(stored.dupBands?.length, 16);
  });

  it('recomputes the text signature when registration corrects the text', async () => {
    const created = await intake({ channel: 'hotline', citizenPhone: '13900009101', title: '路灯不亮', content: '小区门口的路灯坏了好几天，晚上出行不便。' });
    const corrected = '滨河路桥下排水管破裂，污水漫到人行道上，气味很大，请尽快维修。';
    const res = await t.act('op', created.id, 'register', { content: corrected });
    assert.equal(res.statusCode, 200, res.body);
    const stored = await t.tdb.db.selectFrom('cases').select(['dupText', 'dupBands', 'receivedAt']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(stored.dupText, duplicateText('路灯不亮', corrected));
    assert.deepEqual(stored.dupBands, textBands(stored.dupText!, new Date(stored.receivedAt)));
  });

  it('offers a traditional-character post about the same problem at the same address', async () => {
    const first = await intake({ channel: 'hotline', citizenPhone: '13900007777', address: '甲二镇幸福路88号锦绣花园', ...noise });
    const second = await intake({
      channel: 'board', citizenPhone: '13900008888', address: '甲二鎮幸福路88號錦繡花園',
      title: '工地夜間施工噪音擾民', content: '乙一街道濱河路工地每天晚上十一點以後還在施工，打樁聲音很大，周邊居民無法休息，請有關部門儘快處理。',
    });
    const offer = second.suggestedDuplicates.find((d: { caseId: number }) => d.caseId === first.id);
    assert.ok(offer, JSON.stringify(second.suggestedDuplicates));
    assert.deepEqual(offer.reasons, ['address_overlap', 'similar_text']);
    assert.equal(offer.textSimilarity, 1);
  });

  it('offers an appeal within 200 m with similar text', async () => {
    const first = await intake({ channel: 'app', citizenPhone: '13900009999', lat: 30.5001, lng: 114.3001, ...noise });
    const near = await intake({ channel: 'open311', lat: 30.5010, lng: 114.3005, ...noiseRetold });
    const far = await intake({ channel: 'open311', lat: 30.5101, lng: 114.3101, ...noiseRetold });
    assert.deepEqual(near.suggestedDuplicates.find((d: { caseId: number }) => d.caseId === first.id)?.reasons, ['nearby', 'similar_text']);
    assert.ok(!offeredIds(far).includes(first.id));
  });

  it('lists the top five likely repeats of a case, best first, with score and reasons', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await intake({ channel: 'hotline', citizenPhone: '13700000000', ...noise, title: `${noise.title}${i}` })).id);
    const res = await t.call('rev', 'GET', `/api/cases/${ids[6]}/duplicates`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.windowDays, 30);
    assert.equal(body.items.length, 5);
    assert.ok(!body.items.some((d: { caseId: number }) => d.caseId === ids[6]), 'not itself');
    const scores = body.items.map((d: { score: number }) => d.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    assert.ok(body.items.every((d: { reasons: string[]; score: number }) => d.reasons.includes('same_phone') && d.score > 0.9));
    // A unit that cannot see the case cannot list its repeats either.
    assert.equal((await t.call('cb.h', 'GET', `/api/cases/${ids[6]}/duplicates`)).statusCode, 404);
  });

  it('still answers the rest of the 201 as before: number, query code, state, allowed actions, history', async () => {
    const created = await intake({ channel: 'hotline', citizenPhone: '13600000000', ...noise, register: true });
    assert.match(created.number, /^TS\d{4}-\d{6}$/);
    assert.match(created.queryCode, /^\d{6}$/);
    assert.equal(created.state, 'registered');
    assert.equal(created.version, 2);
    assert.deepEqual(created.history.map((h: { action: string }) => h.action), ['create', 'register']);
    assert.deepEqual(created.allowedActions, ['reject', 'merge', 'answer']);
    const read = (await t.call('op', 'GET', `/api/cases/${created.id}`)).json();
    const { suggestedDuplicates: _s, ...withoutSuggestions } = created;
    assert.deepEqual(JSON.parse(JSON.stringify({ ...read, deadlines: null })), JSON.parse(JSON.stringify({ ...withoutSuggestions, deadlines: null })));
  });
});
