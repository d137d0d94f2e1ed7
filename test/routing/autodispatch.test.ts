import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { messageAbout, retrain, writeHistory } from './fixture.ts';

/**
 * Auto-dispatch (自动派单) over HTTP: off by default; when an administrator
 * enables it, a case registered with a confident enough unit suggestion is
 * dispatched by the routing system account through the ordinary action;
 * below the threshold it waits for a person.
 */
describe('auto-dispatch above a confidence threshold', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await writeHistory(t.tdb.db, t.org);
    await retrain(t.tdb.db);
  });
  after(async () => { await t.close(); });

  const setAuto = async (autoDispatch: Record<string, unknown>, as = 'admin') =>
    t.app.inject({ method: 'PUT', url: '/api/routing/settings', payload: { autoDispatch }, headers: { cookie: await t.cookieOf(as) } });
  const desk = async (message: { title: string; content: string }, register = true) => {
    const res = await t.call('op', 'POST', '/api/hotline/cases', { type: 'complaint', register, ...message });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const topUnit = async (caseId: number) => (await t.call('disp', 'GET', `/api/cases/${caseId}/suggestions`)).json().units[0];

  it('is off by default: a confident suggestion is only shown', async () => {
    const settings = await t.call('disp', 'GET', '/api/routing/settings');
    assert.equal(settings.statusCode, 200);
    assert.equal(settings.json().autoDispatch.enabled, false);
    const c = await desk(messageAbout('noise', 70));
    assert.equal(c.state, 'registered');
    assert.equal(c.assignments.length, 0);
    assert.ok((await topUnit(c.id)).confidence > 0.5);
  });

  it('when enabled, dispatches a registered case to the top unit, by the system account, saying so in the history', async () => {
    assert.equal((await setAuto({ enabled: true, threshold: 0.5 })).statusCode, 200);
    const c = await desk(messageAbout('noise', 71));
    assert.equal(c.state, 'dispatched', JSON.stringify(c.history));
    assert.equal(c.leadUnitId, t.org.units['cb.t1']);
    const entry = c.history.find((h: { action: string }) => h.action === 'dispatch');
    assert.equal(entry.actorName, '自动派单');
    const [, percent] = /^自动派单：置信度 ([\d.]+)%（阈值 50%）$/.exec(entry.note) ?? [];
    assert.ok(percent, entry.note);
    const record = await t.tdb.db.selectFrom('autoDispatches').selectAll().where('caseId', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(record.historyId, entry.id);
    assert.equal(record.unitId, t.org.units['cb.t1']);
    assert.equal(record.threshold, 0.5);
    assert.ok(record.confidence >= 0.5 && record.confidence <= 1);
    assert.equal((record.confidence * 100).toFixed(1), percent);
    assert.equal(record.confidence, (await topUnit(c.id)).confidence);
    // The unit's clocks started as with any dispatch.
    assert.equal(c.assignments[0].unitId, t.org.units['cb.t1']);
    assert.ok(c.assignments[0].signDueAt);
  });

  it('also from the intake form (POST /api/cases) when it registers at once', async () => {
    const res = await t.call('op', 'POST', '/api/cases', { channel: 'app', type: 'complaint', urgency: 'normal', register: true, ...messageAbout('bus', 75) });
    assert.equal(res.statusCode, 201, res.body);
    const stored = await t.tdb.db.selectFrom('cases').select(['state', 'leadUnitId']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { state: 'dispatched', leadUnitId: t.org.units.ca });
  });

  it('also at a separate registration (登记), not at intake alone', async () => {
    const c = await desk(messageAbout('property', 72), false);
    assert.equal(c.state, 'received');
    const res = await t.act('op', c.id, 'register');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, 'dispatched');
    assert.equal(res.json().leadUnitId, t.org.units['dept.zjj']);
  });

  it('leaves the case for a person when the top confidence is below the threshold', async () => {
    const vague = { title: '反映一个情况', content: '附近的情况一直没有解决，希望有关部门尽快处理。' };
    const probe = await desk(vague, false);
    const confidence = (await topUnit(probe.id)).confidence;
    assert.ok(confidence < 0.95, `precondition: a vague message is not confident (${confidence})`);
    assert.equal((await setAuto({ threshold: Math.min(1, Math.max(0.5, confidence + 0.02)) })).statusCode, 200);
    const c = await desk(vague);
    assert.equal(c.state, 'registered');
    assert.ok(!c.history.some((h: { action: string }) => h.action === 'dispatch'));
    // And a confident one still goes.
    assert.equal((await setAuto({ threshold: 0.5 })).statusCode, 200);
    assert.equal((await desk(messageAbout('bus', 73))).state, 'dispatched');
  });

  it('stops at once when switched off again', async () => {
    assert.equal((await setAuto({ enabled: false })).statusCode, 200);
    assert.equal((await desk(messageAbout('bus', 74))).state, 'registered');
  });

  it('refuses bad settings with a clear error and keeps the old ones', async () => {
    for (const bad of [{ threshold: 2 }, { threshold: 0.1 }, { enabled: 'yes' }, { surprise: true }]) {
      const res = await setAuto(bad);
      assert.equal(res.statusCode, 400, `${JSON.stringify(bad)} → ${res.body}`);
      assert.equal(res.json().error.code, 'INVALID_INPUT');
    }
    const unknownKey = await t.app.inject({ method: 'PUT', url: '/api/routing/settings', payload: { other: {} }, headers: { cookie: await t.cookieOf('admin') } });
    assert.equal(unknownKey.statusCode, 400);
    const english = await t.app.inject({ method: 'PUT', url: '/api/routing/settings', payload: { autoDispatch: { threshold: 2 } }, headers: { cookie: await t.cookieOf('admin'), 'accept-language': 'en' } });
    assert.match(english.json().error.message, /threshold/);
    assert.equal((await setAuto({ enabled: true }, 'disp')).statusCode, 403);
    const now = (await t.call('disp', 'GET', '/api/routing/settings')).json();
    assert.deepEqual(now.autoDispatch, { enabled: false, threshold: 0.5 });
  });
});
