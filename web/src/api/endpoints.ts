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
