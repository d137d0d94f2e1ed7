import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderNotification, staffMessage, staffMessageTypes, surgeMessage } from '../../src/modules/notification/templates.ts';

/** Staff notification texts, without a database: every event in both languages. */
describe('notification texts', () => {
  const facts = (type: string) => ({ type, number: 'MS2026-000123', caseTitle: '路灯不亮', payload: { note: '请尽快', days: 3, stage: 'sign', level: 'listed' } });

  it('has an English text for every event that has a Chinese one, naming the case', () => {
    assert.ok(staffMessageTypes.length >= 20);
    for (const type of staffMessageTypes) {
      const en = staffMessage(facts(type), 'en');
      const zh = staffMessage(facts(type), 'zh');
      assert.ok(!en.body.includes('has news'), `${type} falls back to the neutral text`);
      assert.ok(en.title.includes('MS2026-000123') && en.body.includes('路灯不亮'), type);
      assert.ok(!/[\u4e00-\u9fff]/.test(en.body.replace('路灯不亮', '').replace('请尽快', '')), `${type}: ${en.body}`);
      assert.ok(zh.title.includes('MS2026-000123'), type);
    }
    assert.equal(staffMessage(facts('case.requestExtension'), 'en').body,
      'The handling unit of case “路灯不亮” asks for an extension of 3 working days; please decide. Reason: 请尽快');
  });

  it('falls back to a neutral text for an event without its own', () => {
    assert.equal(staffMessage(facts('case.somethingNew'), 'en').title, 'Case update MS2026-000123');
    assert.equal(staffMessage(facts('case.somethingNew'), 'zh').title, '工单动态 MS2026-000123');
  });

  it('says a hot topic is rising in both languages, and renders stored facts; none for rows without', () => {
    const surge = { label: '临澜县 停水', last24h: 12, dailyBefore: 1.5, total: 30 };
    assert.equal(surgeMessage(surge).body, '热点“临澜县 停水”24小时内新增12件，此前日均1.5件，累计30件。请在“热点”页查看。');
    assert.equal(surgeMessage({ ...surge, dailyBefore: null }, 'en').body, 'Hot topic “临澜县 停水”: 12 new cases in 24 hours, 30 in all. See the Hot topics page.');
    assert.deepEqual(renderNotification({ surge }, 'en'), surgeMessage(surge, 'en'));
    assert.deepEqual(renderNotification({ case: facts('case.dispatch') }, 'zh'), staffMessage(facts('case.dispatch')));
    assert.equal(renderNotification(null, 'en'), null);
  });
});
