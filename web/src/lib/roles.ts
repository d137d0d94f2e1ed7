import type { Me } from '../api/types.ts';
import type { Role } from '../../../src/domain/roles.ts';

/** Which pages a user sees in the navigation (the server still checks every request). */
export const has = (me: Me, ...roles: Role[]) => me.roles.some((r) => roles.includes(r));
export const canTakeCalls = (me: Me) => has(me, 'operator', 'dispatcher');
export const canSeeDashboard = (me: Me) => has(me, 'leader', 'supervisor', 'admin', 'dispatcher');
/** The administration area (/admin): units, users, categories, time limits, calendar, knowledge base, banned words, API keys. */
export const isAdmin = (me: Me) => has(me, 'admin');
