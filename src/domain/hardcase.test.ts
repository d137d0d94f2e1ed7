import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowedHardCaseActions, closeOutBlocked, decideHardCase, hardCaseActions,
  type HardCaseActor, type HardCaseFacts,
} from './hardcase.ts';
import { caseStates } from './lifecycle.ts';
import { roles, type Role } from './roles.ts';

const LEADER = 10;
const LEAD_UNIT = 100;
const MEMBER_UNIT = 101;
const OTHER_UNIT = 200;
const facts: HardCaseFacts = { status: 'open', responsibleLeaderId: LEADER, taskForceUnitIds: [LEAD_UNIT, MEMBER_UNIT] };
const actor = (userId: number, unitId: number, ...r: Role[]): HardCaseActor => ({ userId, unitId, roles: r });

const responsible = actor(LEADER, 1, 'leader');
const otherLeader = actor(11, 1, 'leader');
const supervisor = actor(20, 2, 'supervisor');
const memberHandler = actor(30, MEMBER_UNIT, 'handler');
const leadHead = actor(31, LEAD_UNIT, 'head');
const outsideHandler = actor(32, OTHER_UNIT, 'handler');

describe('hard-case rules', () => {
  it('lets supervisors and leaders open a hard case on any case but a rejected or merged one', () => {
    for (const state of caseStates) {
      for (const role of roles) {
        const d = decideHardCase('open', actor(1, 1, role), state, undefined);
        const expected = !['rejected', 'merged'].includes(state) && (role === 'supervisor' || role === 'leader');
        assert.equal(d.ok, expected, `${state} ${role}`);
        if (['rejected', 'merged'].includes(state)) assert.equal(!d.ok && d.code, 'PRECONDITION_FAILED');
      }
    }
    const twice = decideHardCase('open', supervisor, 'handling', facts);
    assert.equal(!twice.ok && twice.code, 'CONFLICT');
  });

  it('gives each party exactly its actions', () => {
    const table: Array<[HardCaseActor, string[]]> = [
      [responsible, ['addMilestone', 'completeMilestone', 'report', 'closeOut']],
      [otherLeader, []],
      [supervisor, ['addMilestone', 'completeMilestone']],
      [memberHandler, ['addMilestone', 'completeMilestone', 'report']],
      [leadHead, ['addMilestone', 'completeMilestone', 'report']],
      [outsideHandler, []],
      [actor(40, LEAD_UNIT, 'dispatcher'), []],
    ];
    for (const [who, expected] of table) {
      assert.deepEqual(allowedHardCaseActions(who, 'handling', facts), expected, JSON.stringify(who));
    }
  });

  it('refuses with a code that says why', () => {
    const code = (a: (typeof hardCaseActions)[number], who: HardCaseActor, hc: HardCaseFacts | undefined = facts) => {
      const d = decideHardCase(a, who, 'handling', hc);
      return d.ok ? 'ok' : d.code;
    };
    assert.equal(code('closeOut', supervisor), 'NOT_RESPONSIBLE_LEADER');
    assert.equal(code('closeOut', otherLeader), 'NOT_RESPONSIBLE_LEADER');
    assert.equal(code('closeOut', memberHandler), 'NOT_RESPONSIBLE_LEADER');
    assert.equal(code('report', otherLeader), 'NOT_RESPONSIBLE_LEADER');
    assert.equal(code('report', supervisor), 'ROLE_NOT_PERMITTED');
    assert.equal(code('report', outsideHandler), 'NOT_ASSIGNED');
    const noHardCase = decideHardCase('report', memberHandler, 'handling', undefined);
    assert.equal(!noHardCase.ok && noHardCase.code, 'NOT_FOUND');
    assert.equal(code('report', memberHandler, { ...facts, status: 'closed_out' }), 'PRECONDITION_FAILED');
    assert.equal(code('closeOut', responsible, { ...facts, status: 'closed_out' }), 'PRECONDITION_FAILED');
  });

  it('closes out only with every milestone done or a note', () => {
    assert.equal(closeOutBlocked(0, null), undefined);
    assert.equal(closeOutBlocked(2, '纳入明年计划'), undefined);
    assert.match(closeOutBlocked(2, null)!.zh, /2个节点未完成/);
  });
});
