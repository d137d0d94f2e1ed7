/**
 * The appeal's state machine, tested without a database. The expected rules
 * below are written by hand from DOMAIN.md "Lifecycle" and issue 2 §5, not
 * read from `lifecycle`, so a wrong row in the table makes a test fail.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowedActions, caseActions, caseStates, decide,
  type Actor, type AssignmentRole, type AssignmentSnapshot, type AssignmentStatus,
  type CaseAction, type CaseSnapshot, type CaseState, type Decision, type Resolution,
  type Satisfaction, type TransitionInput,
} from './lifecycle.ts';
import { roles, type Role } from './roles.ts';

// ---------------------------------------------------------------- the expectation, by hand

const states: CaseState[] = [
  'received', 'registered', 'rejected', 'merged', 'dispatched', 'returned', 'handling',
  'signoff', 'reviewing', 'callback', 'callback_review', 'closed', 'archived',
];
const actions: CaseAction[] = [
  'register', 'reject', 'merge', 'answer', 'dispatch', 'redispatch', 'overrule',
  'sign', 'return', 'subDispatch', 'submitInput', 'replyUp', 'draftReply', 'signOff', 'rejectDraft',
  'approve', 'sendBack', 'recordCallback', 'rehandle', 'close', 'archive',
  'urge', 'supervise', 'instruct',
  'requestExtension', 'approveExtension', 'refuseExtension',
  'requestSuspension', 'approveSuspension', 'refuseSuspension', 'resume',
];
const allRoles: Role[] = ['operator', 'dispatcher', 'handler', 'head', 'reviewer', 'supervisor', 'leader', 'admin'];

/** Every state in which the case is still being worked on (urging and supervision apply). */
const open: CaseState[] = [
  'received', 'registered', 'dispatched', 'returned', 'handling',
  'signoff', 'reviewing', 'callback', 'callback_review',
];
const intake: Role[] = ['operator', 'dispatcher']; // the 12345 centre's front desk
const unitStaff: Role[] = ['handler', 'head']; // 承办人, 单位负责人

interface Expected {
  from: CaseState[];
  roles: Role[];
  /** Where it leads when the scenario's own `to` does not say (`same` keeps the state). */
  to?: CaseState | 'same';
}

const expected: Record<CaseAction, Expected> = {
  // 2. 登记立项: check and classify, reject with a reason, merge a repeat, or answer at once (直接办结)
  register: { from: ['received'], roles: intake, to: 'registered' },
  reject: { from: ['received', 'registered'], roles: intake, to: 'rejected' },
  merge: { from: ['received', 'registered'], roles: intake, to: 'merged' },
  answer: { from: ['received', 'registered'], roles: ['operator'], to: 'closed' },
  // 3./4. 派单, and the dispatcher's answer to a return: 改派 or overrule
  dispatch: { from: ['registered'], roles: ['dispatcher'], to: 'dispatched' },
  redispatch: { from: ['returned'], roles: ['dispatcher'], to: 'dispatched' },
  overrule: { from: ['returned'], roles: ['dispatcher'], to: 'dispatched' },
  // 4./5. the units: 签收, 退单, 下派, 协办意见, reply to the unit above
  sign: { from: ['dispatched', 'handling'], roles: unitStaff },
  return: { from: ['dispatched', 'handling'], roles: unitStaff },
  subDispatch: { from: ['handling'], roles: unitStaff, to: 'same' },
  submitInput: { from: ['dispatched', 'handling'], roles: unitStaff, to: 'same' },
  replyUp: { from: ['handling'], roles: unitStaff, to: 'same' },
  // 6. the lead unit drafts, its head signs off (审签), the centre reviews (审核)
  draftReply: { from: ['handling'], roles: unitStaff, to: 'signoff' },
  signOff: { from: ['signoff'], roles: ['head'], to: 'reviewing' },
  rejectDraft: { from: ['signoff'], roles: ['head'], to: 'handling' },
  approve: { from: ['reviewing'], roles: ['reviewer'], to: 'callback' },
  sendBack: { from: ['reviewing'], roles: ['reviewer'], to: 'handling' },
  // 7./8. 回访, 重办 when the reviewer agrees, 办结, 归档
  recordCallback: { from: ['callback'], roles: ['reviewer'] },
  rehandle: { from: ['callback_review'], roles: ['reviewer'], to: 'handling' },
  close: { from: ['callback', 'callback_review'], roles: ['reviewer'], to: 'closed' },
  archive: { from: ['closed'], roles: ['reviewer', 'admin'], to: 'archived' },
  // alongside, at any open state: 催办, 督办, 领导批示
  urge: { from: open, roles: ['supervisor', 'leader'], to: 'same' },
  supervise: { from: open, roles: ['supervisor', 'leader'], to: 'same' },
  instruct: { from: open, roles: ['leader'], to: 'same' },
  // time limits: the unit asks, the centre decides (延期, 挂起); neither changes the state
  requestExtension: { from: ['handling'], roles: unitStaff, to: 'same' },
  approveExtension: { from: ['dispatched', 'handling', 'signoff', 'reviewing'], roles: ['dispatcher'], to: 'same' },
  refuseExtension: { from: ['dispatched', 'handling', 'signoff', 'reviewing'], roles: ['dispatcher'], to: 'same' },
  requestSuspension: { from: ['handling'], roles: unitStaff, to: 'same' },
  approveSuspension: { from: ['handling'], roles: ['dispatcher'], to: 'same' },
  refuseSuspension: { from: ['handling'], roles: ['dispatcher'], to: 'same' },
  resume: { from: ['handling'], roles: ['dispatcher'], to: 'same' },
};

// ---------------------------------------------------------------- building cases

const ME = 10; // the acting user's unit
const OTHER = 20; // another unit on the same level
const BELOW = 30; // a unit below ME

function asg(
  id: number, unitId: number, role: AssignmentRole, status: AssignmentStatus, parentId: number | null = null,
): AssignmentSnapshot {
  return { id, unitId, role, parentId, status };
}
function snap(
  state: CaseState, assignments: AssignmentSnapshot[] = [], callbackAttempts = 0,
  extra: Pick<CaseSnapshot, 'pendingExtension' | 'suspension'> = {},
): CaseSnapshot {
  return { state, assignments, callbackAttempts, ...extra };
}
function actor(role: Role | Role[], unitId = ME): Actor {
  return { userId: 1, unitId, roles: Array.isArray(role) ? role : [role] };
}

/** A case in which the unit requirement (and precondition) of one action is met for unit ME. */
interface Scenario {
  assignments: AssignmentSnapshot[];
  callbackAttempts?: number;
  pendingExtension?: boolean;
  suspension?: 'none' | 'requested' | 'active';
  input?: TransitionInput;
  to?: CaseState;
}

/** Per action: the scenario for each allowed state; the first one is reused for the other states. */
const scenarios: Partial<Record<CaseAction, Partial<Record<CaseState, Scenario>>>> = {
  sign: {
    dispatched: { assignments: [asg(1, ME, 'lead', 'pending')], to: 'handling' },
    handling: { assignments: [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'pending', 1)], to: 'handling' },
  },
  return: {
    dispatched: { assignments: [asg(1, ME, 'lead', 'pending')], to: 'returned' },
    handling: { assignments: [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'pending', 1)], to: 'handling' },
  },
  subDispatch: { handling: { assignments: [asg(1, ME, 'lead', 'signed')] } },
  submitInput: {
    dispatched: { assignments: [asg(1, OTHER, 'lead', 'pending'), asg(2, ME, 'assist', 'signed')] },
    handling: { assignments: [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', 'signed')] },
  },
  replyUp: { handling: { assignments: [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'signed', 1)] } },
  draftReply: { handling: { assignments: [asg(1, ME, 'lead', 'signed'), asg(2, OTHER, 'assist', 'input_submitted')] } },
  signOff: { signoff: { assignments: [asg(1, ME, 'lead', 'signed'), asg(2, OTHER, 'assist', 'input_submitted')] } },
  rejectDraft: { signoff: { assignments: [asg(1, ME, 'lead', 'signed'), asg(2, OTHER, 'assist', 'input_submitted')] } },
  recordCallback: {
    callback: {
      assignments: [asg(1, OTHER, 'lead', 'signed')],
      input: { reached: true, resolution: 'resolved', satisfaction: 'satisfied' },
      to: 'closed',
    },
  },
  close: {
    callback: { assignments: [asg(1, OTHER, 'lead', 'signed')], callbackAttempts: 3 },
    callback_review: { assignments: [asg(1, OTHER, 'lead', 'signed')] },
  },
  requestExtension: { handling: { assignments: [asg(1, ME, 'lead', 'signed')] } },
  approveExtension: { handling: { assignments: [asg(1, OTHER, 'lead', 'signed')], pendingExtension: true } },
  refuseExtension: { handling: { assignments: [asg(1, OTHER, 'lead', 'signed')], pendingExtension: true } },
  requestSuspension: { handling: { assignments: [asg(1, ME, 'lead', 'signed')] } },
  approveSuspension: { handling: { assignments: [asg(1, OTHER, 'lead', 'signed')], suspension: 'requested' } },
  refuseSuspension: { handling: { assignments: [asg(1, OTHER, 'lead', 'signed')], suspension: 'requested' } },
  resume: { handling: { assignments: [asg(1, OTHER, 'lead', 'signed')], suspension: 'active' } },
};

function scenarioFor(action: CaseAction, state: CaseState): { c: CaseSnapshot; input: TransitionInput; to?: CaseState } {
  const byState = scenarios[action] ?? {};
  const s = byState[state] ?? Object.values(byState)[0] ?? { assignments: [] };
  const extra = { pendingExtension: s.pendingExtension, suspension: s.suspension };
  return { c: snap(state, s.assignments, s.callbackAttempts ?? 0, extra), input: s.input ?? {}, to: byState[state]?.to };
}

const describeDecision = (d: Decision) => (d.ok ? `ok → ${d.to}` : d.code);

/** `allowed` must be exactly the actions that `decide` would let this actor take now. */
function allowedMismatch(c: CaseSnapshot, who: Actor, allowed: readonly CaseAction[]): string | undefined {
  const really = caseActions.filter((a) => decide(c, a, who).ok);
  const got = [...allowed].sort().join(',');
  const want = [...really].sort().join(',');
  return got === want ? undefined : `allowed [${got}] but decide accepts [${want}]`;
}

function assertRefused(d: Decision, code: string, c?: CaseSnapshot, who?: Actor) {
  assert.equal(d.ok, false, `expected ${code}, got ${describeDecision(d)}`);
  if (d.ok) return;
  assert.equal(d.code, code);
  assert.ok(Array.isArray(d.allowed));
  if (c && who) assert.equal(allowedMismatch(c, who, d.allowed), undefined);
}
function assertLeadsTo(d: Decision, to: CaseState) {
  assert.deepEqual(describeDecision(d), `ok → ${to}`);
}

// ---------------------------------------------------------------- 1. the matrix

describe('every (state, action, role) combination', () => {
  let combinations = 0;

  test('the hand-written lists name exactly the states, actions and roles of the code', () => {
    assert.deepEqual([...caseStates].sort(), [...states].sort());
    assert.deepEqual([...caseActions].sort(), [...actions].sort());
    assert.deepEqual([...roles].sort(), [...allRoles].sort());
    assert.deepEqual(Object.keys(expected).sort(), [...actions].sort());
  });

  for (const action of actions) {
    test(`${action}: allowed or refused with the right code, in all 13 states for all 8 roles`, () => {
      const rule = expected[action];
      const mismatches: string[] = [];
      for (const state of states) {
        for (const role of allRoles) {
          combinations++;
          const { c, input, to } = scenarioFor(action, state);
          const who = actor(role);
          const d = decide(c, action, who, input);
          const nextState = to ?? (rule.to === 'same' ? state : rule.to);
          const want = !rule.from.includes(state)
            ? 'ACTION_NOT_ALLOWED'
            : !rule.roles.includes(role)
              ? 'ROLE_NOT_PERMITTED'
              : `ok → ${nextState}`;
          const where = `${state} × ${action} × ${role}`;
          if (describeDecision(d) !== want) mismatches.push(`${where}: expected ${want}, got ${describeDecision(d)}`);
          if (!d.ok) {
            if (d.allowed.includes(action)) mismatches.push(`${where}: refused, yet "allowed" lists it`);
            const wrong = allowedMismatch(c, who, d.allowed);
            if (wrong) mismatches.push(`${where}: ${wrong}`);
          } else if (!allowedActions(c, who).includes(action)) {
            mismatches.push(`${where}: decide accepts it but allowedActions omits it`);
          }
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }

  test('3224 combinations checked (13 states × 31 actions × 8 roles)', () => {
    assert.equal(combinations, 13 * 31 * 8);
    assert.equal(combinations, 3224);
  });
});

// ---------------------------------------------------------------- 2. the unit requirement

describe('NOT_ASSIGNED: the actor’s unit holds no fitting assignment', () => {
  test('another unit’s handler tries to sign', () => {
    const c = snap('dispatched', [asg(1, OTHER, 'lead', 'pending')]);
    assertRefused(decide(c, 'sign', actor('handler')), 'NOT_ASSIGNED', c, actor('handler'));
  });
  test('a unit that already signed, returned or was withdrawn cannot sign again', () => {
    for (const status of ['signed', 'returned', 'withdrawn'] as const) {
      const c = snap('handling', [asg(1, ME, 'lead', status)]);
      assertRefused(decide(c, 'sign', actor('handler')), 'NOT_ASSIGNED', c, actor('handler'));
    }
  });
  test('an assisting unit tries to draft the reply', () => {
    for (const status of ['signed', 'input_submitted'] as const) {
      const c = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', status)]);
      assertRefused(decide(c, 'draftReply', actor('handler')), 'NOT_ASSIGNED', c, actor('handler'));
    }
  });
  test('a sub-dispatched unit tries to draft the reply', () => {
    const c = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'signed', 1)]);
    assertRefused(decide(c, 'draftReply', actor('head')), 'NOT_ASSIGNED');
  });
  test('the lead unit that has not signed yet cannot draft the reply', () => {
    const c = snap('handling', [asg(1, ME, 'lead', 'pending')]);
    assertRefused(decide(c, 'draftReply', actor('handler')), 'NOT_ASSIGNED');
  });
  test('the head of an assisting unit tries to sign the reply off', () => {
    const c = snap('signoff', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', 'input_submitted')]);
    assertRefused(decide(c, 'signOff', actor('head')), 'NOT_ASSIGNED', c, actor('head'));
    assertRefused(decide(c, 'rejectDraft', actor('head')), 'NOT_ASSIGNED');
  });
  test('a handler of the lead unit may not sign off: the role is checked before the unit', () => {
    const c = snap('signoff', [asg(1, ME, 'lead', 'signed')]);
    assertRefused(decide(c, 'signOff', actor('handler')), 'ROLE_NOT_PERMITTED', c, actor('handler'));
  });
  test('only an assisting unit submits input; only a sub-dispatched unit replies up', () => {
    const lead = snap('handling', [asg(1, ME, 'lead', 'signed')]);
    assertRefused(decide(lead, 'submitInput', actor('handler')), 'NOT_ASSIGNED');
    assertRefused(decide(lead, 'replyUp', actor('handler')), 'NOT_ASSIGNED');
    const assist = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', 'signed')]);
    assertRefused(decide(assist, 'replyUp', actor('handler')), 'NOT_ASSIGNED');
    const sub = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'signed', 1)]);
    assertRefused(decide(sub, 'submitInput', actor('handler')), 'NOT_ASSIGNED');
  });
  test('dispatching down needs a signed assignment; returning needs a live one', () => {
    const pending = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'pending', 1)]);
    assertRefused(decide(pending, 'subDispatch', actor('handler')), 'NOT_ASSIGNED');
    for (const status of ['returned', 'replied', 'withdrawn'] as const) {
      const c = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', status, 1)]);
      assertRefused(decide(c, 'return', actor('handler')), 'NOT_ASSIGNED');
    }
  });
});

// ---------------------------------------------------------------- 3. preconditions

describe('PRECONDITION_FAILED', () => {
  const lead = asg(1, ME, 'lead', 'signed');
  const handler = actor('handler');

  test('draftReply waits while an assisting unit is pending or signed', () => {
    for (const status of ['pending', 'signed'] as const) {
      const c = snap('handling', [lead, asg(2, OTHER, 'assist', status)]);
      const d = decide(c, 'draftReply', handler);
      assertRefused(d, 'PRECONDITION_FAILED', c, handler);
      assert.ok(!d.ok && d.failure && d.failure.zh && d.failure.en, 'the refusal says why, in zh and en');
    }
  });
  test('draftReply goes ahead once every assisting unit submitted its input or returned', () => {
    for (const status of ['input_submitted', 'returned'] as const) {
      const c = snap('handling', [lead, asg(2, OTHER, 'assist', status), asg(3, BELOW, 'assist', 'input_submitted')]);
      assertLeadsTo(decide(c, 'draftReply', handler), 'signoff');
    }
  });
  test('draftReply, replyUp, submitInput and return wait while a child assignment is live', () => {
    const parents: [CaseAction, AssignmentSnapshot[]][] = [
      ['draftReply', [asg(1, ME, 'lead', 'signed')]],
      ['replyUp', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'signed', 1)]],
      ['submitInput', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', 'signed')]],
      ['return', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'signed', 1)]],
    ];
    for (const [action, base] of parents) {
      const parentId = base[base.length - 1]!.id;
      for (const status of ['pending', 'signed'] as const) {
        const c = snap('handling', [...base, asg(9, BELOW, 'sub', status, parentId)]);
        assertRefused(decide(c, action, handler), 'PRECONDITION_FAILED', c, handler);
      }
      for (const status of ['replied', 'returned'] as const) {
        const c = snap('handling', [...base, asg(9, BELOW, 'sub', status, parentId)]);
        assert.equal(decide(c, action, handler).ok, true, `${action} once the child ${status}`);
      }
    }
  });
  test('close in callback: refused before 3 unreached attempts, allowed from 3', () => {
    const reviewer = actor('reviewer');
    for (const attempts of [0, 1, 2]) {
      const c = snap('callback', [], attempts);
      assertRefused(decide(c, 'close', reviewer), 'PRECONDITION_FAILED', c, reviewer);
      assert.ok(!allowedActions(c, reviewer).includes('close'));
    }
    for (const attempts of [3, 4]) {
      const c = snap('callback', [], attempts);
      assertLeadsTo(decide(c, 'close', reviewer), 'closed');
      assert.ok(allowedActions(c, reviewer).includes('close'));
    }
  });
  test('close in callback_review needs no attempts (the reviewer decides against 重办)', () => {
    assertLeadsTo(decide(snap('callback_review'), 'close', actor('reviewer')), 'closed');
  });
});

// ---------------------------------------------------------------- 4. next states that depend on the case or the input

describe('next states', () => {
  const handler = actor('handler');

  test('sign: the lead unit starts handling; an assisting or sub unit keeps the state', () => {
    assertLeadsTo(decide(snap('dispatched', [asg(1, ME, 'lead', 'pending')]), 'sign', handler), 'handling');
    const assistFirst = snap('dispatched', [asg(1, OTHER, 'lead', 'pending'), asg(2, ME, 'assist', 'pending')]);
    assertLeadsTo(decide(assistFirst, 'sign', handler), 'dispatched');
    const assistLate = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', 'pending')]);
    assertLeadsTo(decide(assistLate, 'sign', handler), 'handling');
    const sub = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'pending', 1)]);
    assertLeadsTo(decide(sub, 'sign', handler), 'handling');
  });
  test('return: by the lead unit → returned (to the dispatcher); by an assisting or sub unit the state stays', () => {
    assertLeadsTo(decide(snap('dispatched', [asg(1, ME, 'lead', 'pending')]), 'return', handler), 'returned');
    const assist = snap('dispatched', [asg(1, OTHER, 'lead', 'pending'), asg(2, ME, 'assist', 'pending')]);
    assertLeadsTo(decide(assist, 'return', handler), 'dispatched');
    const assistInHandling = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', 'pending')]);
    assertLeadsTo(decide(assistInHandling, 'return', handler), 'handling');
    const sub = snap('handling', [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'sub', 'pending', 1)]);
    assertLeadsTo(decide(sub, 'return', handler), 'handling');
  });

  const reviewer = actor('reviewer');
  const callback = snap('callback', [asg(1, OTHER, 'lead', 'signed')], 1);
  const satisfied: Satisfaction[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];
  const dissatisfied: Satisfaction[] = ['dissatisfied', 'very_dissatisfied'];

  test('recordCallback, not reached → stays in callback (another attempt)', () => {
    assertLeadsTo(decide(callback, 'recordCallback', reviewer, { reached: false }), 'callback');
    const stale = { reached: false, resolution: 'resolved' as const, satisfaction: 'satisfied' as const };
    assertLeadsTo(decide(callback, 'recordCallback', reviewer, stale), 'callback');
  });
  test('recordCallback, reached, resolved and satisfied (each of 3 levels) → closed', () => {
    for (const satisfaction of satisfied) {
      const input = { reached: true, resolution: 'resolved' as const, satisfaction };
      assertLeadsTo(decide(callback, 'recordCallback', reviewer, input), 'closed');
    }
  });
  test('recordCallback, reached but partly/unresolved or dissatisfied → callback_review (重办 decision)', () => {
    const cases: [Resolution, Satisfaction][] = [];
    for (const resolution of ['partly', 'unresolved'] as const) {
      for (const s of [...satisfied, ...dissatisfied]) cases.push([resolution, s]);
    }
    for (const s of dissatisfied) cases.push(['resolved', s]);
    assert.equal(cases.length, 12);
    for (const [resolution, satisfaction] of cases) {
      const d = decide(callback, 'recordCallback', reviewer, { reached: true, resolution, satisfaction });
      assert.equal(describeDecision(d), 'ok → callback_review', `${resolution} + ${satisfaction}`);
    }
  });
});

// ---------------------------------------------------------------- 5. what the UI shows

describe('allowedActions for realistic actors', () => {
  const same = (got: readonly CaseAction[], want: CaseAction[]) => assert.deepEqual([...got].sort(), [...want].sort());
  const inHandling = snap('handling', [asg(1, OTHER, 'lead', 'signed')]);

  test('an operator on a received case: register, reject, merge, answer', () => {
    same(allowedActions(snap('received'), actor('operator', 1)), ['register', 'reject', 'merge', 'answer']);
  });
  test('a dispatcher on a registered case: dispatch, reject, merge', () => {
    same(allowedActions(snap('registered'), actor('dispatcher', 1)), ['dispatch', 'reject', 'merge']);
  });
  test('a dispatcher on a returned case: redispatch, overrule', () => {
    const c = snap('returned', [asg(1, OTHER, 'lead', 'returned')]);
    same(allowedActions(c, actor('dispatcher', 1)), ['redispatch', 'overrule']);
  });
  test('the lead unit on a dispatched case: sign, return', () => {
    same(allowedActions(snap('dispatched', [asg(1, ME, 'lead', 'pending')]), actor('handler')), ['sign', 'return']);
  });
  test('the head of the lead unit on signoff: signOff, rejectDraft', () => {
    const c = snap('signoff', [asg(1, ME, 'lead', 'signed'), asg(2, OTHER, 'assist', 'input_submitted')]);
    same(allowedActions(c, actor('head')), ['signOff', 'rejectDraft']);
    same(allowedActions(c, actor('head', OTHER)), []);
  });
  test('a reviewer on reviewing, callback and callback_review', () => {
    same(allowedActions(snap('reviewing'), actor('reviewer', 1)), ['approve', 'sendBack']);
    same(allowedActions(snap('callback', [], 0), actor('reviewer', 1)), ['recordCallback']);
    same(allowedActions(snap('callback', [], 3), actor('reviewer', 1)), ['recordCallback', 'close']);
    same(allowedActions(snap('callback_review'), actor('reviewer', 1)), ['rehandle', 'close']);
  });
  test('a supervisor on a handling case: urge, supervise', () => {
    same(allowedActions(inHandling, actor('supervisor', 1)), ['urge', 'supervise']);
  });
  test('a leader on a handling case: urge, supervise, instruct', () => {
    same(allowedActions(inHandling, actor('leader', 1)), ['urge', 'supervise', 'instruct']);
  });
  test('an unrelated unit, an operator or an admin on a handling case: nothing', () => {
    same(allowedActions(inHandling, actor(['handler', 'head'])), []);
    same(allowedActions(inHandling, actor('operator', 1)), []);
    same(allowedActions(inHandling, actor('admin', 1)), []);
  });
  test('nothing on an archived case, for anyone', () => {
    const c = snap('archived', [asg(1, ME, 'lead', 'signed'), asg(2, ME, 'assist', 'pending')], 5);
    same(allowedActions(c, actor(allRoles)), []);
    for (const role of allRoles) same(allowedActions(c, actor(role)), []);
  });
  test('only archiving on a closed case; nothing at all on a rejected or merged one', () => {
    same(allowedActions(snap('closed'), actor(allRoles)), ['archive']);
    same(allowedActions(snap('rejected'), actor(allRoles)), []);
    same(allowedActions(snap('merged'), actor(allRoles)), []);
  });
  test('a refusal carries what the actor may do instead', () => {
    const c = snap('returned');
    const d = decide(c, 'dispatch', actor('dispatcher', 1));
    assertRefused(d, 'ACTION_NOT_ALLOWED');
    assert.ok(!d.ok);
    same(d.allowed, ['redispatch', 'overrule']);
  });
});

describe('time-limit actions: extensions and suspensions', () => {
  const lead = [asg(1, ME, 'lead', 'signed')];
  const code = (d: Decision) => (d.ok ? 'ok' : d.code);
  test('a second extension request waits for the first decision', () => {
    assert.equal(code(decide(snap('handling', lead, 0, { pendingExtension: true }), 'requestExtension', actor('handler'))), 'PRECONDITION_FAILED');
    assert.equal(code(decide(snap('handling', lead, 0, { pendingExtension: false }), 'requestExtension', actor('handler'))), 'ok');
  });
  test('the centre decides only a pending request', () => {
    for (const a of ['approveExtension', 'refuseExtension'] as const) {
      assert.equal(code(decide(snap('handling', lead), a, actor('dispatcher'))), 'PRECONDITION_FAILED');
      assert.equal(code(decide(snap('handling', lead, 0, { pendingExtension: true }), a, actor('dispatcher'))), 'ok');
    }
  });
  test('suspension: requested once, decided, resumed only while active; no reply while the clock is stopped', () => {
    assert.equal(code(decide(snap('handling', lead, 0, { suspension: 'requested' }), 'requestSuspension', actor('head'))), 'PRECONDITION_FAILED');
    assert.equal(code(decide(snap('handling', lead, 0, { suspension: 'none' }), 'approveSuspension', actor('dispatcher'))), 'PRECONDITION_FAILED');
    assert.equal(code(decide(snap('handling', lead, 0, { suspension: 'requested' }), 'resume', actor('dispatcher'))), 'PRECONDITION_FAILED');
    assert.equal(code(decide(snap('handling', lead, 0, { suspension: 'active' }), 'resume', actor('dispatcher'))), 'ok');
    assert.equal(code(decide(snap('handling', lead, 0, { suspension: 'active' }), 'draftReply', actor('handler'))), 'PRECONDITION_FAILED');
    assert.equal(code(decide(snap('handling', lead, 0, { suspension: 'active' }), 'requestExtension', actor('handler'))), 'PRECONDITION_FAILED');
  });
  test('only the lead unit asks for a suspension', () => {
    const assisting = [asg(1, OTHER, 'lead', 'signed'), asg(2, ME, 'assist', 'signed')];
    assert.equal(code(decide(snap('handling', assisting), 'requestSuspension', actor('handler'))), 'NOT_ASSIGNED');
    assert.equal(code(decide(snap('handling', assisting), 'requestExtension', actor('handler'))), 'ok');
  });
});
