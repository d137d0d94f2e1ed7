import type { CaseQuery } from '../api/endpoints.ts';
import type { Me } from '../api/types.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Role } from '../../../src/domain/roles.ts';

/**
 * The work queues of the home page: each is a filter of GET /api/cases,
 * shown to the roles that work it. The count is the list's `total`.
 */
export interface Queue {
  id: string;
  label: MessageKey;
  roles: readonly Role[];
  query(me: Me): CaseQuery;
  /** Red when it holds anything (overdue, returned). */
  alarm?: boolean;
}

const unitStaff = ['handler', 'head'] as const;

export const queues: Queue[] = [
  { id: 'toRegister', label: 'queue.toRegister', roles: ['operator', 'dispatcher'], query: () => ({ state: 'received' }) },
  { id: 'toDispatch', label: 'queue.toDispatch', roles: ['dispatcher'], query: () => ({ state: 'registered' }) },
  { id: 'returned', label: 'queue.returned', roles: ['dispatcher', 'supervisor'], query: () => ({ state: 'returned' }), alarm: true },
  { id: 'toSign', label: 'queue.toSign', roles: unitStaff, query: () => ({ mine: 'pending' }) },
  { id: 'inHandling', label: 'queue.inHandling', roles: [...unitStaff, 'supervisor', 'leader', 'dispatcher'], query: (me) => (me.citywide ? { state: 'handling' } : { mine: 'signed' }) },
  { id: 'toSignOff', label: 'queue.toSignOff', roles: ['head'], query: (me) => ({ state: 'signoff', unitId: me.unitId }) },
  { id: 'dueSoon', label: 'queue.dueSoon', roles: [...unitStaff, 'dispatcher', 'supervisor', 'leader'], query: () => ({ dueState: 'due_soon', sort: 'nextDue' }) },
  { id: 'overdue', label: 'queue.overdue', roles: [...unitStaff, 'dispatcher', 'supervisor', 'leader'], query: () => ({ dueState: 'overdue', sort: 'nextDue' }), alarm: true },
  { id: 'toReview', label: 'queue.toReview', roles: ['reviewer'], query: () => ({ state: 'reviewing' }) },
  { id: 'toCallback', label: 'queue.toCallback', roles: ['reviewer'], query: () => ({ state: 'callback' }) },
  { id: 'callbackReview', label: 'queue.callbackReview', roles: ['reviewer'], query: () => ({ state: 'callback_review' }) },
  { id: 'supervised', label: 'queue.supervised', roles: [...unitStaff, 'supervisor', 'leader'], query: () => ({ supervised: true, state: 'received,registered,dispatched,returned,handling,signoff,reviewing,callback,callback_review' }) },
];

/** The queues of this user's roles (an administrator sees them all). */
export function queuesFor(me: Me): Queue[] {
  if (me.roles.includes('admin')) return queues;
  return queues.filter((q) => q.roles.some((r) => me.roles.includes(r)));
}
