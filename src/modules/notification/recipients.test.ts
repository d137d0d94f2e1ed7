import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseActions } from '../../domain/lifecycle.ts';
import { audiencesFor, citizenSms, quietEvents, smsPhone, staffRecipients, type AssignmentFact, type EventFacts } from './recipients.ts';
import { citizenSmsText, staffMessage } from './templates.ts';

/** The recipient table, row by row, without a database. */
const staff = ['handler', 'head'];
const assignments: AssignmentFact[] = [
  { id: 1, unitId: 10, role: 'lead', parentId: null, status: 'signed' },
  { id: 2, unitId: 20, role: 'assist', parentId: null, status: 'pending' },
  { id: 3, unitId: 30, role: 'sub', parentId: 1, status: 'returned' },
  { id: 4, unitId: 40, role: 'assist', parentId: null, status: 'input_submitted' },
  { id: 5, unitId: 50, role: 'lead', parentId: null, status: 'withdrawn' },
];
const facts = (type: string, payload: Record<string, unknown> = {}): EventFacts => ({ type, payload, leadUnitId: 10, assignments });

describe('staff recipients', () => {
  it('dispatch and redispatch reach handlers and heads of the lead and assisting units named in the event', () => {
    for (const type of ['case.dispatch', 'case.redispatch']) {
      assert.deepEqual(audiencesFor(facts(type, { leadUnitId: 60, assistUnitIds: [70, 60] })), [
        { kind: 'unit', unitId: 60, roles: staff }, { kind: 'unit', unitId: 70, roles: staff },
      ], type);
    }
  });

  it('sub-dispatch reaches the units dispatched down to; overrule the unit whose return was overruled', () => {
    assert.deepEqual(audiencesFor(facts('case.subDispatch', { unitIds: [31, 32], assignmentId: 1 })), [
      { kind: 'unit', unitId: 31, roles: staff }, { kind: 'unit', unitId: 32, roles: staff },
    ]);
    assert.deepEqual(audiencesFor(facts('case.overrule', { overruledAssignmentId: 5, unitId: 50 })), [{ kind: 'unit', unitId: 50, roles: staff }]);
  });

  it('a return reaches the centre’s dispatchers, and for a sub-dispatched unit also the unit above it', () => {
    assert.deepEqual(audiencesFor(facts('case.return', { assignmentId: 1, role: 'lead', unitId: 10 })), [{ kind: 'centre', roles: ['dispatcher'] }]);
    assert.deepEqual(audiencesFor(facts('case.return', { assignmentId: 3, role: 'sub', unitId: 30 })), [
      { kind: 'centre', roles: ['dispatcher'] }, { kind: 'unit', unitId: 10, roles: staff },
    ]);
  });

  it('the reply’s way: draft → lead unit heads, sign-off → centre reviewers, send-backs and re-handling → lead unit handlers', () => {
    assert.deepEqual(audiencesFor(facts('case.draftReply')), [{ kind: 'unit', unitId: 10, roles: ['head'] }]);
    assert.deepEqual(audiencesFor(facts('case.signOff')), [{ kind: 'centre', roles: ['reviewer'] }]);
    for (const type of ['case.sendBack', 'case.rejectDraft', 'case.rehandle']) {
      assert.deepEqual(audiencesFor(facts(type)), [{ kind: 'unit', unitId: 10, roles: ['handler'] }], type);
    }
    assert.deepEqual(audiencesFor({ ...facts('case.sendBack'), leadUnitId: null }), [], 'no lead unit, nobody');
  });

  it('urging, supervision and instructions reach every account of the units still working on the case', () => {
    for (const type of ['case.urge', 'case.supervise', 'case.instruct']) {
      assert.deepEqual(audiencesFor(facts(type)), [{ kind: 'unit', unitId: 10 }, { kind: 'unit', unitId: 20 }], type);
    }
  });

  it('deadline urging reaches the unit; escalation its and its parent’s heads and supervisors, listed also the leaders above', () => {
    const p = { caseId: 1, number: 'X', assignmentId: 1, unitId: 10, stage: 'reply' };
    assert.deepEqual(audiencesFor(facts('deadline.urged', { ...p, level: 'urge' })), [{ kind: 'unit', unitId: 10 }]);
    const supervise = [
      { kind: 'unit', unitId: 10, roles: ['head'] }, { kind: 'parentUnit', unitId: 10, roles: ['head'] }, { kind: 'anywhere', roles: ['supervisor'] },
    ];
    assert.deepEqual(audiencesFor(facts('deadline.escalated', { ...p, level: 'supervise' })), supervise);
    assert.deepEqual(audiencesFor(facts('deadline.escalated', { ...p, level: 'listed' })), [...supervise, { kind: 'above', unitId: 10, roles: ['leader'] }]);
    assert.deepEqual(audiencesFor(facts('deadline.urged', { level: 'urge' })), [], 'a payload without a unit reaches no unit');
  });

  it('extension and suspension requests reach the dispatchers; the decisions the units still working on the case', () => {
    for (const type of ['case.requestExtension', 'case.requestSuspension']) {
      assert.deepEqual(audiencesFor(facts(type, { unitId: 10, days: 3 })), [{ kind: 'centre', roles: ['dispatcher'] }], type);
    }
    for (const type of ['case.approveExtension', 'case.refuseExtension', 'case.approveSuspension', 'case.refuseSuspension', 'case.resume']) {
      assert.deepEqual(audiencesFor(facts(type)), [{ kind: 'unit', unitId: 10, roles: staff }, { kind: 'unit', unitId: 20, roles: staff }], type);
    }
  });

  it('notifies no staff of the quiet events, and every lifecycle action is decided one way or the other', () => {
    for (const type of quietEvents) assert.deepEqual(audiencesFor(facts(type, { unitId: 10, leadUnitId: 10, unitIds: [10] })), [], type);
    assert.deepEqual(audiencesFor(facts('something.else')), []);
    for (const action of caseActions) {
      const type = `case.${action}`;
      assert.ok((type in staffRecipients) !== quietEvents.includes(type), `${type}: add it to staffRecipients or quietEvents in recipients.ts`);
    }
    const known = new Set([...caseActions.map((a) => `case.${a}`), 'case.created', 'deadline.urged', 'deadline.escalated']);
    for (const type of [...Object.keys(staffRecipients), ...quietEvents]) assert.ok(known.has(type), type);
  });

  it('every notified event type has its own message', () => {
    for (const type of Object.keys(staffRecipients)) {
      const m = staffMessage({ type, number: 'TS2026-000001', caseTitle: '路灯不亮', payload: { note: '请尽快', level: 'listed', stage: 'reply' } });
      assert.ok(!m.title.startsWith('工单动态'), type);
      assert.match(m.title, /TS2026-000001/);
      assert.match(m.body, /路灯不亮/);
    }
    assert.match(staffMessage({ type: 'deadline.escalated', number: 'N', caseTitle: 'T', payload: { level: 'listed' } }).title, /挂牌督办/);
  });
});

describe('citizen SMS', () => {
  it('goes out at intake with number and query code, and when the reply is approved', () => {
    assert.deepEqual({ ...citizenSms }, { 'case.created': 'intake_receipt', 'case.approve': 'reply_sent' });
    const receipt = citizenSmsText.intake_receipt({ number: 'AL2026-000123', queryCode: '482913' });
    assert.match(receipt, /您的诉求已受理，工单号AL2026-000123，查询码482913/);
    const reply = citizenSmsText.reply_sent({ number: 'AL2026-000123', queryCode: '482913' });
    assert.match(reply, /您反映的问题（工单号AL2026-000123）已办理答复.*可凭工单号和查询码查询/);
    assert.doesNotMatch(reply, /482913/, 'the code is not repeated in the reply notice');
  });

  it('only to mainland mobile numbers', () => {
    assert.equal(smsPhone('13800138000'), '13800138000');
    assert.equal(smsPhone('+86 138-0013-8000'), '13800138000');
    assert.equal(smsPhone('8613800138000'), '13800138000');
    for (const no of ['0359-1234567', '12345', '', null, undefined, '+4915112345678', '23800138000']) assert.equal(smsPhone(no), null, String(no));
  });
});
