/**
 * Who hears about what: the outbox event types and the staff and citizens
 * they reach, as data. Pure: the outbox dispatcher gathers the facts (the
 * case's lead unit and assignments) and turns audiences into user ids;
 * nothing here reads the database. Tested row by row in recipients.test.ts;
 * docs/notifications.md has the same table for people.
 */
import type { Role } from '../../domain/roles.ts';

/** A group of staff, described; `notification.repository.ts` resolves it to active users. */
export type Audience =
  /** Staff of one unit holding one of `roles` (every account of the unit when absent). */
  | { kind: 'unit'; unitId: number; roles?: readonly Role[] }
  /** Staff of the unit directly above `unitId`. */
  | { kind: 'parentUnit'; unitId: number; roles?: readonly Role[] }
  /** Staff of the 12345 centre holding one of `roles`. */
  | { kind: 'centre'; roles: readonly Role[] }
  /** Everyone in the city holding one of `roles` (e.g. all supervisors). */
  | { kind: 'anywhere'; roles: readonly Role[] }
  /** Holders of `roles` in `unitId` or any unit above it (e.g. the county's and the city's leaders). */
  | { kind: 'above'; unitId: number; roles: readonly Role[] };

export interface AssignmentFact {
  id: number;
  unitId: number;
  role: 'lead' | 'assist' | 'sub';
  parentId: number | null;
  status: string;
}

/** What a rule may look at: the event as written, and the case as it stands when the event is processed. */
export interface EventFacts {
  type: string;
  payload: Record<string, unknown>;
  leadUnitId: number | null;
  assignments: readonly AssignmentFact[];
}

type Rule = (e: EventFacts) => Audience[];

const unitStaff: Role[] = ['handler', 'head'];

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const nums = (v: unknown): number[] => (Array.isArray(v) ? v.map(num).filter((n): n is number => n !== undefined) : []);
const unique = (ids: number[]) => [...new Set(ids)];

/** Handlers and heads of the units the event assigned the case to (ids from the event itself). */
const newlyAssigned: Rule = ({ payload }) =>
  unique([num(payload.leadUnitId), num(payload.unitId), ...nums(payload.assistUnitIds), ...nums(payload.unitIds)]
    .filter((n): n is number => n !== undefined))
    .map((unitId) => ({ kind: 'unit', unitId, roles: unitStaff }));

const leadUnit = (roles: readonly Role[]): Rule => ({ leadUnitId }) =>
  leadUnitId ? [{ kind: 'unit', unitId: leadUnitId, roles }] : [];

/** Every account of every unit still working on the case (pending or signed assignment). */
const liveUnits: Rule = ({ assignments }) =>
  unique(assignments.filter((a) => a.status === 'pending' || a.status === 'signed').map((a) => a.unitId))
    .map((unitId) => ({ kind: 'unit', unitId }));

/** 退单: the centre decides; a sub-dispatched unit's return also goes to the unit that dispatched down to it. */
const returned: Rule = ({ payload, assignments }) => {
  const out: Audience[] = [{ kind: 'centre', roles: ['dispatcher'] }];
  const own = assignments.find((a) => a.id === num(payload.assignmentId));
  const parent = own?.parentId ? assignments.find((a) => a.id === own.parentId) : undefined;
  if (own?.role === 'sub' && parent) out.push({ kind: 'unit', unitId: parent.unitId, roles: unitStaff });
  return out;
};

/** Handlers and heads of the units still working on the case (whose clocks an extension or suspension moves). */
const liveUnitStaff: Rule = (e) => liveUnits(e).map((a) => ({ ...a, roles: unitStaff }));

/** 超期升级: heads of the unit and of its parent, every supervisor, and for listed supervision (挂牌督办) the leaders above. */
const escalated: Rule = ({ payload }) => {
  const unitId = num(payload.unitId);
  if (!unitId) return [{ kind: 'anywhere', roles: ['supervisor'] }];
  return [
    { kind: 'unit', unitId, roles: ['head'] },
    { kind: 'parentUnit', unitId, roles: ['head'] },
    { kind: 'anywhere', roles: ['supervisor'] },
    ...(payload.level === 'listed' ? [{ kind: 'above', unitId, roles: ['leader'] } as const] : []),
  ];
};

/**
 * Staff notified of each event type; the types in `quietEvents` notify no
 * staff on purpose. The acting user is never notified of their own action.
 */
export const staffRecipients: Readonly<Record<string, Rule>> = {
  'case.dispatch': newlyAssigned,
  'case.redispatch': newlyAssigned,
  'case.subDispatch': newlyAssigned,
  'case.overrule': newlyAssigned,
  'case.return': returned,
  'case.draftReply': leadUnit(['head']),
  'case.signOff': () => [{ kind: 'centre', roles: ['reviewer'] }],
  'case.sendBack': leadUnit(['handler']),
  'case.rejectDraft': leadUnit(['handler']),
  'case.rehandle': leadUnit(['handler']),
  'case.urge': liveUnits,
  'case.supervise': liveUnits,
  'case.instruct': liveUnits,
  'case.requestExtension': () => [{ kind: 'centre', roles: ['dispatcher'] }],
  'case.requestSuspension': () => [{ kind: 'centre', roles: ['dispatcher'] }],
  'case.approveExtension': liveUnitStaff,
  'case.refuseExtension': liveUnitStaff,
  'case.approveSuspension': liveUnitStaff,
  'case.refuseSuspension': liveUnitStaff,
  'case.resume': liveUnitStaff,
  'deadline.urged': ({ payload }) => (num(payload.unitId) ? [{ kind: 'unit', unitId: num(payload.unitId)! }] : []),
  'deadline.escalated': escalated,
};

/**
 * Lifecycle events that reach no staff: the actor's own unit did it, or the
 * next step is the centre's routine work queue. A new lifecycle action must
 * be added either here or to `staffRecipients` (recipients.test.ts checks).
 */
export const quietEvents: readonly string[] = [
  'case.created', 'case.register', 'case.reject', 'case.merge', 'case.answer', 'case.sign', 'case.submitInput',
  'case.replyUp', 'case.approve', 'case.recordCallback', 'case.close', 'case.archive',
];

export function audiencesFor(e: EventFacts): Audience[] {
  return staffRecipients[e.type]?.(e) ?? [];
}

/** Why a citizen gets an SMS; also the `purpose` column of sms_messages. */
export type CitizenSmsPurpose = 'intake_receipt' | 'reply_sent';

/**
 * Citizens get an SMS, when the case has a phone number, for these events:
 * the receipt with number and query code at intake, and word that the reply
 * is ready when the centre approves it (each approval, so a re-handled case's
 * new reply is announced too).
 */
export const citizenSms: Readonly<Record<string, CitizenSmsPurpose>> = {
  'case.created': 'intake_receipt',
  'case.approve': 'reply_sent',
};

/**
 * The mainland mobile number (11 digits from 1) an SMS can go to, or null:
 * landlines and foreign numbers get no SMS rather than a message the gateway
 * will refuse again and again. Accepts `+86`/`86` prefixes, spaces and dashes.
 */
export function smsPhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
