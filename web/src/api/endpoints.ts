import type { CaseAction } from '../../../src/domain/lifecycle.ts';
import { get, isMissingRoute, post, type Query } from './client.ts';
import type { CaseList, CaseView, Category, KnowledgeHit, Me, RejectReason, Unit } from './types.ts';

/** Typed calls, one per server route the web app uses. */

export const login = (username: string, password: string) => post<Me>('/api/auth/login', { username, password });
export const logout = () => post<void>('/api/auth/logout');
export const me = () => get<Me>('/api/me');

export interface CaseQuery extends Query {
  state?: string;
  channel?: string;
  type?: string;
  urgency?: string;
  unitId?: number;
  phone?: string;
  q?: string;
  dueState?: 'due_soon' | 'overdue';
  supervised?: boolean;
  mine?: 'pending' | 'signed';
  sort?: string;
  limit?: number;
  offset?: number;
}

export const listCases = (query: CaseQuery) => get<CaseList>('/api/cases', query);
export const getCase = (id: number) => get<CaseView>(`/api/cases/${id}`);
export const getCaseByNumber = (number: string) => get<CaseView>(`/api/cases/by-number/${encodeURIComponent(number)}`);
/** POST /api/cases/:id/<action> with the version that was read; answers the case as it is now. */
export const act = (id: number, action: CaseAction, body: Record<string, unknown> & { version: number }) =>
  post<CaseView>(`/api/cases/${id}/${action}`, body);

export interface NewCase {
  channel: string;
  type: string;
  title: string;
  content: string;
  urgency?: string;
  citizenName?: string | null;
  citizenPhone?: string | null;
  citizenSex?: 'male' | 'female' | 'unknown' | null;
  confidential?: boolean;
  categoryId?: number | null;
  regionUnitId?: number | null;
  address?: string | null;
  register?: boolean;
}
export const createCase = (body: NewCase) => post<CaseView>('/api/cases', body);

/**
 * Takes in a call at the desk: the hotline module's one-request intake when
 * the server has it (registered or answered-and-closed, linked to the call
 * and the knowledge entry used); else POST /api/cases, then `answer` if the
 * case allows it.
 */
export async function createHotlineCase(body: Omit<NewCase, 'channel'>, answer?: { note: string; knowledgeId?: number }): Promise<CaseView> {
  try {
    return await post<CaseView>('/api/hotline/cases', { ...body, ...(answer ? { answer, register: false } : {}) });
  } catch (err) {
    if (!isMissingRoute(err)) throw err;
  }
  const view = await createCase({ ...body, channel: 'hotline', ...(answer ? { register: false } : {}) });
  return answer && view.allowedActions.includes('answer') ? act(view.id, 'answer', { version: view.version, note: answer.note }) : view;
}

export const units = () => get<Unit[]>('/api/units');
export const categories = () => get<Category[]>('/api/categories');
export const rejectReasons = () => get<RejectReason[]>('/api/reject-reasons');

export interface CallerHistory {
  phone: string;
  /** From the hotline module when it exists; else built from GET /api/cases?phone=. */
  source: 'hotline' | 'cases';
  cases: CaseList['items'];
  total: number;
  raw?: unknown;
}

/** The caller's earlier appeals: the hotline module's caller view if the server has it, else the case list by phone. */
export async function callerHistory(phone: string): Promise<CallerHistory> {
  try {
    const raw = await get<Record<string, unknown>>(`/api/hotline/callers/${encodeURIComponent(phone)}`);
    const cases = (raw.cases ?? raw.items ?? []) as CaseList['items'];
    return { phone, source: 'hotline', cases, total: Number(raw.total ?? cases.length), raw };
  } catch (err) {
    if (!isMissingRoute(err)) throw err;
  }
  const list = await listCases({ phone, limit: 20 });
  return { phone, source: 'cases', cases: list.items, total: list.total };
}

/** Knowledge-base search, or `null` when the server has no knowledge base (yet). */
export async function searchKnowledge(q: string): Promise<{ total: number; items: KnowledgeHit[] } | null> {
  try {
    return await get<{ total: number; items: KnowledgeHit[] }>('/api/knowledge', { q, limit: 8 });
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}

/** The leader dashboard's figures, or `null` when the statistics module is not there (yet). */
export async function dashboard(query: Query = {}): Promise<Record<string, unknown> | null> {
  try {
    return await get<Record<string, unknown>>('/api/stats/dashboard', query);
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}

export interface SuggestedDuplicate {
  caseId: number; number: string; title: string; state: string; channel: string; receivedAt: string;
  score: number; textSimilarity: number; reasons: string[];
}

/** Likely repeats of a case (疑似重复), or `null` when the server has no repeat check (yet). */
export async function duplicatesOf(id: number): Promise<SuggestedDuplicate[] | null> {
  try {
    return (await get<{ items: SuggestedDuplicate[] }>(`/api/cases/${id}/duplicates`)).items;
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}

/** A GeoJSON FeatureCollection of counties or townships (GET /api/stats/regions/geo). */
export interface RegionsGeo {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; id: number; properties: { unitId: number; parentId: number | null; key: string; name: string; centroid: [number, number] | null }; geometry: { type: string; coordinates: unknown } }>;
}

/** The map's boundaries, or `null` when the server has no map (yet). */
export async function regionsGeo(level: 'county' | 'township', parent?: number): Promise<RegionsGeo | null> {
  try {
    return await get<RegionsGeo>('/api/stats/regions/geo', { level, parent });
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}

export interface KpiRate { numerator: number; denominator: number; value: number | null }
export interface LeagueUnit {
  rank: number | null; unitId: number; key: string; name: string; score: number | null;
  accepted: number; assignments: number; kpis: Record<string, KpiRate>; counts: Record<string, number>;
}
export interface League {
  period: { from: string; to: string }; level: string; weights: Record<string, number>;
  units: LeagueUnit[];
  red: Array<{ rank: number; unitId: number; name: string; score: number }>;
  black: Array<{ rank: number; unitId: number; name: string; score: number }>;
}
/** League table of units with red and black lists (GET /api/stats/league). */
export const league = (query: Query) => get<League>('/api/stats/league', query);

export interface Drill {
  figure: string; period: { from: string; to: string }; total: number; hasMore: boolean; limit: number; offset: number;
  cases: Array<{ id: number; number: string; title: string; state: string; receivedAt: string; count: number }>;
}
/** The cases behind a figure (GET /api/stats/drill). */
export const drill = (query: Query) => get<Drill>('/api/stats/drill', query);

export interface LedgerItem {
  caseId: number; number: string; title: string; kind: 'hard' | 'supervised'; kindLabel: unknown;
  leadUnit: { id: number; name: string } | null; daysSinceReceived: number;
  nextMilestone: { id: number; title: string; dueDate: string; overdue: boolean } | null;
}
/** The ledger of hard or supervised cases (GET /api/ledger), or `null` when the server has none. */
export async function ledger(kind: 'hard' | 'supervised', overdueOnly?: boolean): Promise<{ total: number; items: LedgerItem[] } | null> {
  try {
    return await get<{ total: number; items: LedgerItem[] }>('/api/ledger', { kind, overdueOnly });
  } catch (err) {
    if (isMissingRoute(err)) return null;
    throw err;
  }
}

export interface Suggestions {
  categories: Array<{ categoryId: number; name: string; confidence: number }>;
  units: Array<{ unitId: number; name: string; confidence: number }>;
  model?: unknown;
}
/** Suggested category and units of a case (分类与派单建议); `null` when the server offers none or cannot now (never an error shown). */
export async function caseSuggestions(id: number): Promise<Suggestions | null> {
  try {
    return await get<Suggestions>(`/api/cases/${id}/suggestions`);
  } catch {
    return null;
  }
}

/** Bulletins (定期通报): the stored ones the caller may see, and making one (returned unchanged when it exists). */
export const listBulletins = (query: { kind?: 'monthly' | 'quarterly'; unitId?: number; limit?: number; offset?: number } = {}) =>
  get<{ items: import('./types.ts').BulletinSummary[]; hasMore: boolean }>('/api/bulletins', query);
export const generateBulletin = (body: { period: string; unitId?: number }) =>
  post<import('./types.ts').BulletinSummary & { created: boolean }>('/api/bulletins', body);
/** Hot topics (热点) in the last `window` (e.g. `7d`), optionally in a region unit's subtree; one topic's appeals. */
export const listHotTopics = (query: { window?: string; unit?: number; limit?: number } = {}) =>
  get<{ from: string; to: string; items: import('./types.ts').HotTopicSummary[] }>('/api/hot-topics', query);
export const getHotTopic = (id: number, window = '90d') => get<import('./types.ts').HotTopicDetail>(`/api/hot-topics/${id}`, { window });
/** Reply checks (答复检查): the case's current reply, or a draft being written. */
export const getReplyCheck = (caseId: number) =>
  get<{ caseId: number; replyId: number | null; status: string | null; check: import('./types.ts').ReplyCheck | null }>(`/api/cases/${caseId}/reply-check`);
export const checkDraftReply = (caseId: number, reply: string) =>
  post<{ caseId: number; check: import('./types.ts').ReplyCheck }>('/api/reply-check', { caseId, reply });
