/**
 * The appeal's lifecycle as data: every state, every action, who may take it,
 * what it requires and where it leads. Commands, the API's "allowed actions"
 * and the web UI's buttons all read this table; nothing else decides.
 *
 * Pure: no I/O. Tested for every (state, action, role) in lifecycle.test.ts.
 */
import type { DomainErrorCode } from './errors.ts';
import type { Role } from './roles.ts';

export const caseStates = [
  'received', // 受理：intake from any channel
  'registered', // 已登记：checked and classified, awaiting dispatch
  'rejected', // 不予受理
  'merged', // 已并单：merged into another case
  'dispatched', // 已派单：awaiting the lead unit's signature
  'returned', // 已退回：the lead unit returned it; the dispatcher decides
  'handling', // 办理中
  'signoff', // 待审签：reply drafted, awaiting the unit head
  'reviewing', // 待审核：signed off, awaiting the centre's review
  'callback', // 待回访：reply approved and sent
  'callback_review', // 回访复核：unresolved or dissatisfied; the reviewer decides on 重办
  'closed', // 已办结
  'archived', // 已归档
] as const;
export type CaseState = (typeof caseStates)[number];

export const openStates: readonly CaseState[] = [
  'received', 'registered', 'dispatched', 'returned', 'handling',
  'signoff', 'reviewing', 'callback', 'callback_review',
];

export const caseActions = [
  'register', 'reject', 'merge', 'answer',
  'dispatch', 'redispatch', 'overrule',
  'sign', 'return', 'subDispatch', 'submitInput', 'replyUp',
  'draftReply', 'signOff', 'rejectDraft',
  'approve', 'sendBack',
  'recordCallback', 'rehandle', 'close', 'archive',
  'urge', 'supervise', 'instruct',
  'requestExtension', 'approveExtension', 'refuseExtension',
  'requestSuspension', 'approveSuspension', 'refuseSuspension', 'resume',
] as const;
export type CaseAction = (typeof caseActions)[number];

export type AssignmentRole = 'lead' | 'assist' | 'sub';
/** pending = dispatched, not yet signed; the rest are final for that assignment. */
export type AssignmentStatus = 'pending' | 'signed' | 'returned' | 'input_submitted' | 'replied' | 'withdrawn';

export interface AssignmentSnapshot {
  id: number;
  unitId: number;
  role: AssignmentRole;
  parentId: number | null;
  status: AssignmentStatus;
}

/** What the rules need to know about a case. */
export interface CaseSnapshot {
  state: CaseState;
  assignments: readonly AssignmentSnapshot[];
  callbackAttempts: number;
  /** An extension request (延期申请) awaits the centre's decision. */
  pendingExtension?: boolean;
  /** Suspension (挂起): none, requested, or active (the clock is stopped). */
  suspension?: 'none' | 'requested' | 'active';
}

export interface Actor {
  userId: number;
  unitId: number;
  roles: readonly Role[];
  /** Whether the actor's unit has active units below it to dispatch down to (unknown = assume yes). */
  hasSubUnits?: boolean;
}

/**
 * How the acting user's unit must stand on the case:
 * - `none`: no unit link needed (centre work, supervision);
 * - `pending`: the unit holds an assignment awaiting its signature;
 * - `open`: a pending or signed assignment (e.g. to return it);
 * - `signed`, `signedLead`, `signedAssist`, `signedSub`: a signed assignment of that kind;
 * - `leadUnit`: the unit is the case's lead unit (its head signs replies off).
 */
export type UnitRequirement =
  | 'none' | 'pending' | 'open' | 'signed' | 'signedLead' | 'signedAssist' | 'signedSub' | 'leadUnit';

export interface ActionRule {
  from: readonly CaseState[];
  roles: readonly Role[];
  unit: UnitRequirement;
  /** `same` keeps the state; a function decides from the case and the action's input. */
  to: CaseState | 'same' | ((c: CaseSnapshot, a: AssignmentSnapshot | undefined, input: TransitionInput) => CaseState);
  note: 'required' | 'optional';
  /** Further condition beyond state, role and unit, with the reason when unmet. */
  precondition?: (c: CaseSnapshot, a: AssignmentSnapshot | undefined, actor: Actor) => PreconditionFailure | undefined;
}

export interface PreconditionFailure {
  zh: string;
  en: string;
}

/** The parts of an action's input that decide the next state. */
export interface TransitionInput {
  reached?: boolean;
  resolution?: Resolution;
  satisfaction?: Satisfaction;
}

export const resolutions = ['resolved', 'partly', 'unresolved'] as const; // 解决 / 部分解决 / 未解决
export type Resolution = (typeof resolutions)[number];
export const satisfactionLevels = [
  'very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied',
] as const; // 非常满意 满意 基本满意 不满意 非常不满意
export type Satisfaction = (typeof satisfactionLevels)[number];
export const satisfiedLevels: readonly Satisfaction[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];

/** Unreached callback attempts after which the centre may close without a rating. */
export const maxCallbackAttempts = 3;

const centreIntake: Role[] = ['operator', 'dispatcher'];
const unitStaff: Role[] = ['handler', 'head'];
const overseers: Role[] = ['supervisor', 'leader'];

const live = (a: AssignmentSnapshot) => a.status === 'pending' || a.status === 'signed';

function unfinishedChildren(c: CaseSnapshot, a: AssignmentSnapshot | undefined): PreconditionFailure | undefined {
  if (a && c.assignments.some((x) => x.parentId === a.id && live(x))) {
    return { zh: '下派的单位尚未回复', en: 'units it dispatched down to have not replied yet' };
  }
  return undefined;
}

/** States in which a unit's handling deadline runs (extensions are decided here). */
const deadlineStates: CaseState[] = ['dispatched', 'handling', 'signoff', 'reviewing'];

function needsPendingExtension(c: CaseSnapshot): PreconditionFailure | undefined {
  return c.pendingExtension ? undefined : { zh: '没有待审批的延期申请', en: 'there is no extension request to decide' };
}

function needsSuspension(status: 'requested' | 'active') {
  return (c: CaseSnapshot): PreconditionFailure | undefined =>
    (c.suspension ?? 'none') === status
      ? undefined
      : status === 'requested'
        ? { zh: '没有待审批的挂起申请', en: 'there is no suspension request to decide' }
        : { zh: '工单未挂起', en: 'the case is not suspended' };
}

export const lifecycle: Record<CaseAction, ActionRule> = {
  register: { from: ['received'], roles: ['operator', 'dispatcher'], unit: 'none', to: 'registered', note: 'optional' },
  reject: { from: ['received', 'registered'], roles: centreIntake, unit: 'none', to: 'rejected', note: 'optional' },
  merge: { from: ['received', 'registered'], roles: centreIntake, unit: 'none', to: 'merged', note: 'optional' },
  answer: { from: ['received', 'registered'], roles: ['operator'], unit: 'none', to: 'closed', note: 'required' },

  dispatch: { from: ['registered'], roles: ['dispatcher'], unit: 'none', to: 'dispatched', note: 'optional' },
  redispatch: { from: ['returned'], roles: ['dispatcher'], unit: 'none', to: 'dispatched', note: 'optional' },
  overrule: { from: ['returned'], roles: ['dispatcher'], unit: 'none', to: 'dispatched', note: 'required' },

  sign: {
    from: ['dispatched', 'handling'], roles: unitStaff, unit: 'pending', note: 'optional',
    to: (c, a) => (a?.role === 'lead' ? 'handling' : c.state),
  },
  return: {
    from: ['dispatched', 'handling'], roles: unitStaff, unit: 'open', note: 'required',
    to: (c, a) => (a?.role === 'lead' ? 'returned' : c.state),
    precondition: unfinishedChildren,
  },
  subDispatch: {
    from: ['handling'], roles: unitStaff, unit: 'signed', to: 'same', note: 'optional',
    precondition: (_c, _a, actor) =>
      actor.hasSubUnits === false ? { zh: '本单位没有下级单位', en: 'your unit has no units below it' } : undefined,
  },
  submitInput: {
    from: ['dispatched', 'handling'], roles: unitStaff, unit: 'signedAssist', to: 'same', note: 'required',
    precondition: unfinishedChildren,
  },
  replyUp: {
    from: ['handling'], roles: unitStaff, unit: 'signedSub', to: 'same', note: 'required',
    precondition: unfinishedChildren,
  },
  draftReply: {
    from: ['handling'], roles: unitStaff, unit: 'signedLead', to: 'signoff', note: 'required',
    precondition: (c, a) =>
      c.assignments.some((x) => x.role === 'assist' && live(x))
        ? { zh: '协办单位尚未提交意见', en: 'assisting units have not submitted their input yet' }
        : c.suspension === 'active'
          ? { zh: '工单处于挂起状态，请先恢复计时', en: 'the case is suspended; resume the clock first' }
          : unfinishedChildren(c, a),
  },
  signOff: { from: ['signoff'], roles: ['head'], unit: 'leadUnit', to: 'reviewing', note: 'optional' },
  rejectDraft: { from: ['signoff'], roles: ['head'], unit: 'leadUnit', to: 'handling', note: 'required' },

  approve: { from: ['reviewing'], roles: ['reviewer'], unit: 'none', to: 'callback', note: 'optional' },
  sendBack: { from: ['reviewing'], roles: ['reviewer'], unit: 'none', to: 'handling', note: 'required' },

  recordCallback: {
    from: ['callback'], roles: ['reviewer'], unit: 'none', note: 'optional',
    to: (_c, _a, input) => {
      if (!input.reached) return 'callback';
      const happy = input.resolution === 'resolved' && satisfiedLevels.includes(input.satisfaction!);
      return happy ? 'closed' : 'callback_review';
    },
  },
  rehandle: { from: ['callback_review'], roles: ['reviewer'], unit: 'none', to: 'handling', note: 'required' },
  close: {
    from: ['callback', 'callback_review'], roles: ['reviewer'], unit: 'none', to: 'closed', note: 'required',
    precondition: (c) =>
      c.state === 'callback' && c.callbackAttempts < maxCallbackAttempts
        ? {
            zh: `回访未满${maxCallbackAttempts}次未接通，不能直接办结`,
            en: `the citizen must be tried ${maxCallbackAttempts} times before closing unreached`,
          }
        : undefined,
  },
  archive: { from: ['closed'], roles: ['reviewer', 'admin'], unit: 'none', to: 'archived', note: 'optional' },

  urge: { from: openStates, roles: overseers, unit: 'none', to: 'same', note: 'optional' },
  supervise: { from: openStates, roles: overseers, unit: 'none', to: 'same', note: 'optional' },
  instruct: { from: openStates, roles: ['leader'], unit: 'none', to: 'same', note: 'required' },

  requestExtension: {
    from: ['handling'], roles: unitStaff, unit: 'signed', to: 'same', note: 'required',
    precondition: (c) =>
      c.pendingExtension
        ? { zh: '已有延期申请待审批', en: 'an extension request is already waiting for a decision' }
        : c.suspension === 'active' ? { zh: '挂起期间无需延期', en: 'the clock is stopped while suspended' } : undefined,
  },
  approveExtension: { from: deadlineStates, roles: ['dispatcher'], unit: 'none', to: 'same', note: 'optional', precondition: needsPendingExtension },
  refuseExtension: { from: deadlineStates, roles: ['dispatcher'], unit: 'none', to: 'same', note: 'required', precondition: needsPendingExtension },
  requestSuspension: {
    from: ['handling'], roles: unitStaff, unit: 'signedLead', to: 'same', note: 'required',
    precondition: (c) =>
      (c.suspension ?? 'none') !== 'none'
        ? { zh: '已申请或已挂起', en: 'a suspension is already requested or active' }
        : undefined,
  },
  approveSuspension: { from: ['handling'], roles: ['dispatcher'], unit: 'none', to: 'same', note: 'optional', precondition: needsSuspension('requested') },
  refuseSuspension: { from: ['handling'], roles: ['dispatcher'], unit: 'none', to: 'same', note: 'required', precondition: needsSuspension('requested') },
  resume: { from: ['handling'], roles: ['dispatcher'], unit: 'none', to: 'same', note: 'optional', precondition: needsSuspension('active') },
};

export type Decision =
  | { ok: true; to: CaseState; assignment: AssignmentSnapshot | undefined }
  | { ok: false; code: DomainErrorCode; allowed: CaseAction[]; failure?: PreconditionFailure };

/** The assignment of the actor's own unit that satisfies `req`, if any. */
export function findAssignment(c: CaseSnapshot, actor: Actor, req: UnitRequirement): AssignmentSnapshot | undefined {
  const mine = c.assignments.filter((a) => a.unitId === actor.unitId);
  switch (req) {
    case 'none':
      return undefined;
    case 'pending':
      return mine.find((a) => a.status === 'pending');
    case 'open':
      return mine.find(live);
    case 'signed':
      return mine.find((a) => a.status === 'signed');
    case 'signedLead':
      return mine.find((a) => a.status === 'signed' && a.role === 'lead');
    case 'signedAssist':
      return mine.find((a) => a.status === 'signed' && a.role === 'assist');
    case 'signedSub':
      return mine.find((a) => a.status === 'signed' && a.role === 'sub');
    case 'leadUnit':
      return mine.find((a) => a.role === 'lead' && a.status === 'signed');
  }
}

/**
 * Whether `actor` may take `action` on the case now, and where it leads.
 * Checks in order: state (ACTION_NOT_ALLOWED), role (ROLE_NOT_PERMITTED),
 * the unit's assignment (NOT_ASSIGNED), then the action's own precondition
 * (PRECONDITION_FAILED).
 */
export function decide(c: CaseSnapshot, action: CaseAction, actor: Actor, input: TransitionInput = {}): Decision {
  const rule = lifecycle[action];
  const refuse = (code: DomainErrorCode, failure?: PreconditionFailure): Decision => ({
    ok: false, code, failure, allowed: allowedActions(c, actor),
  });
  if (!rule.from.includes(c.state)) return refuse('ACTION_NOT_ALLOWED');
  if (!rule.roles.some((r) => actor.roles.includes(r))) return refuse('ROLE_NOT_PERMITTED');
  const assignment = findAssignment(c, actor, rule.unit);
  if (rule.unit !== 'none' && !assignment) return refuse('NOT_ASSIGNED');
  const failure = rule.precondition?.(c, assignment, actor);
  if (failure) return refuse('PRECONDITION_FAILED', failure);
  const to = rule.to === 'same' ? c.state : typeof rule.to === 'function' ? rule.to(c, assignment, input) : rule.to;
  return { ok: true, to, assignment };
}

/** Every action `actor` may take on the case now (what the UI shows as buttons). */
export function allowedActions(c: CaseSnapshot, actor: Actor): CaseAction[] {
  return caseActions.filter((action) => {
    const rule = lifecycle[action];
    if (!rule.from.includes(c.state) || !rule.roles.some((r) => actor.roles.includes(r))) return false;
    const assignment = findAssignment(c, actor, rule.unit);
    if (rule.unit !== 'none' && !assignment) return false;
    return !rule.precondition?.(c, assignment, actor);
  });
}

export const stateLabels: Record<CaseState, { zh: string; en: string }> = {
  received: { zh: '已受理', en: 'Received' },
  registered: { zh: '已登记', en: 'Registered' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  merged: { zh: '已并单', en: 'Merged' },
  dispatched: { zh: '待签收', en: 'Dispatched' },
  returned: { zh: '已退回', en: 'Returned' },
  handling: { zh: '办理中', en: 'In handling' },
  signoff: { zh: '待审签', en: 'Awaiting sign-off' },
  reviewing: { zh: '待审核', en: 'Under review' },
  callback: { zh: '待回访', en: 'Awaiting callback' },
  callback_review: { zh: '回访复核', en: 'Callback review' },
  closed: { zh: '已办结', en: 'Closed' },
  archived: { zh: '已归档', en: 'Archived' },
};

export const actionLabels: Record<CaseAction, { zh: string; en: string }> = {
  register: { zh: '登记', en: 'Register' },
  reject: { zh: '不予受理', en: 'Reject' },
  merge: { zh: '并单', en: 'Merge' },
  answer: { zh: '直接办结', en: 'Answer and close' },
  dispatch: { zh: '派单', en: 'Dispatch' },
  redispatch: { zh: '改派', en: 'Re-dispatch' },
  overrule: { zh: '驳回退单', en: 'Overrule return' },
  sign: { zh: '签收', en: 'Sign for' },
  return: { zh: '退单', en: 'Return' },
  subDispatch: { zh: '下派', en: 'Dispatch down' },
  submitInput: { zh: '提交协办意见', en: 'Submit input' },
  replyUp: { zh: '向上级回复', en: 'Reply to parent unit' },
  draftReply: { zh: '拟写答复', en: 'Draft reply' },
  signOff: { zh: '审签', en: 'Sign off' },
  rejectDraft: { zh: '退回修改', en: 'Send draft back' },
  approve: { zh: '审核通过', en: 'Approve' },
  sendBack: { zh: '审核退回', en: 'Send back' },
  recordCallback: { zh: '记录回访', en: 'Record callback' },
  rehandle: { zh: '重办', en: 'Re-handle' },
  close: { zh: '办结', en: 'Close' },
  archive: { zh: '归档', en: 'Archive' },
  urge: { zh: '催办', en: 'Urge' },
  supervise: { zh: '督办', en: 'Supervise' },
  instruct: { zh: '领导批示', en: 'Leader instruction' },
  requestExtension: { zh: '申请延期', en: 'Request extension' },
  approveExtension: { zh: '批准延期', en: 'Approve extension' },
  refuseExtension: { zh: '驳回延期', en: 'Refuse extension' },
  requestSuspension: { zh: '申请挂起', en: 'Request suspension' },
  approveSuspension: { zh: '批准挂起', en: 'Approve suspension' },
  refuseSuspension: { zh: '驳回挂起', en: 'Refuse suspension' },
  resume: { zh: '恢复计时', en: 'Resume the clock' },
};
