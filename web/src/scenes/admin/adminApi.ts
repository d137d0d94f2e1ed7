import { get, post, request, withQuery } from '../../api/client.ts';
import type { Category, Unit } from '../../api/types.ts';
import type { Role } from '../../../../src/domain/roles.ts';

/** The administration routes the admin screens call, one typed function each. */

// `request` is typed for the methods the rest of the app uses; fetch sends PATCH the same way.
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
const del = <T>(path: string) => request<T>('DELETE', path);

// Units
export interface UnitHistoryEntry { id: number; at: string; action: string; before: unknown; after: unknown; actorName?: string | null; actorUserId?: number | null }
export const listUnits = () => get<Unit[]>('/api/units', { includeInactive: true });
export const createUnit = (body: { key: string; name: string; kind: string; parentId: number }) => post<Unit>('/api/units', body);
export const renameUnit = (id: number, name: string) => post<Unit>(`/api/units/${id}/rename`, { name });
export const moveUnit = (id: number, parentId: number) => post<Unit>(`/api/units/${id}/move`, { parentId });
export const setUnitActive = (id: number, active: boolean) => post<Unit>(`/api/units/${id}/active`, { active });
export const unitHistory = (id: number) => get<UnitHistoryEntry[]>(`/api/units/${id}/history`);

// Users
export interface StaffUser { id: number; username: string; displayName: string; roles: Role[]; active: boolean; unitId: number; unitName: string }
export const listUsers = () => get<StaffUser[]>('/api/users');
export const createUser = (body: { username: string; displayName: string; unitId: number; roles: Role[]; password: string }) => post<StaffUser>('/api/users', body);
export const changeUser = (id: number, body: { displayName?: string; unitId?: number; roles?: Role[]; active?: boolean }) => patch<StaffUser>(`/api/users/${id}`, body);
export const resetPassword = (id: number, password: string) => post<void>(`/api/users/${id}/password`, { password });
export interface UserHistoryEntry { id: number; at: string; action: 'create' | 'change' | 'password'; actorUserId: number | null; actorName: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }
export const userHistory = (id: number) => get<UserHistoryEntry[]>(`/api/users/${id}/history`);

// Categories
export type AdminCategory = Category & { active: boolean };
export const listCategories = () => get<AdminCategory[]>('/api/categories', { includeInactive: true });
export const createCategory = (body: { name: string; parentId: number | null }) => post<AdminCategory>('/api/categories', body);
export const changeCategory = (id: number, body: { name?: string; active?: boolean }) => patch<AdminCategory>(`/api/categories/${id}`, body);

// Time limits
export interface Policy {
  id: number; stage: string; caseType: string | null; urgency: string | null; channel: string | null; categoryId: number | null;
  amount: number; unit: string; active: boolean; note: string | null; updatedBy: number | null; updatedAt: string;
}
export interface NewPolicy { stage: string; caseType?: string | null; urgency?: string | null; channel?: string | null; categoryId?: number | null; amount: number; unit: string; note?: string | null }
export interface Preview { policy: Policy; start: string; due: string; dueDate: string }
export const listPolicies = () => get<Policy[]>('/api/time-limits', { includeInactive: true });
export const createPolicy = (body: NewPolicy) => post<Policy>('/api/time-limits', body);
export const changePolicy = (id: number, body: { amount?: number; unit?: string; note?: string | null; active?: boolean }) => patch<Policy>(`/api/time-limits/${id}`, body);
export const deactivatePolicy = (id: number) => post<Policy>(`/api/time-limits/${id}/deactivate`);
export const previewPolicy = (q: { stage: string; type: string; urgency?: string; channel?: string; categoryId?: number; at?: string }) => get<Preview>('/api/time-limits/preview', q);

// Calendar
export interface Day { date: string; workday: boolean; name: string | null; source: 'override' | 'package' | 'weekday' }
export interface Override { date: string; kind: 'workday' | 'holiday'; name: string | null; createdBy: number | null; createdAt: string }
export interface YearStatus { year: number; confirmed: boolean; source: string }
export const calendarDays = (from: string, to: string) => get<Day[]>('/api/calendar/days', { from, to });
export const calendarOverrides = (year: number) => get<Override[]>('/api/calendar/overrides', { year });
export const calendarStatus = (years: number[]) => get<{ years: YearStatus[]; warnings: Array<{ year: number; code: string; message: string }> }>(withQuery('/api/calendar/status', { years: years.join(',') }));
export const putOverride = (date: string, body: { kind: 'workday' | 'holiday'; name?: string | null }) => put<unknown>(`/api/calendar/overrides/${date}`, body);
export const removeOverride = (date: string) => del<unknown>(`/api/calendar/overrides/${date}`);
export const confirmYear = (year: number, note?: string) => post<unknown>(`/api/calendar/years/${year}/confirm`, note ? { note } : {});

// Knowledge base
export interface KnowledgeEntry {
  id: number; category: { id: number; name: string } | null; question: string; answer: string; keywords: string[];
  validFrom: string; validTo: string | null; active: boolean; usable: boolean; useCount: number; version: number;
}
export interface KnowledgeInput { question: string; answer: string; categoryId?: number | null; keywords?: string[]; validFrom?: string; validTo?: string | null; active?: boolean }
export const searchKnowledge = (q: { q?: string; limit: number; offset: number }) =>
  get<{ total: number; items: KnowledgeEntry[] }>('/api/knowledge', { ...q, includeExpired: true, includeInactive: true });
export const createKnowledge = (body: KnowledgeInput) => post<KnowledgeEntry>('/api/knowledge', body);
export const changeKnowledge = (id: number, body: Partial<KnowledgeInput> & { version: number }) => patch<KnowledgeEntry>(`/api/knowledge/${id}`, body);

// Banned words
export interface BannedWord { id: number; word: string; createdAt: string }
export const listBannedWords = () => get<{ items: BannedWord[] }>('/api/board/banned-words');
export const addBannedWord = (word: string) => post<BannedWord>('/api/board/banned-words', { word });
export const removeBannedWord = (id: number) => del<void>(`/api/board/banned-words/${id}`);

// API keys
export interface ApiKey { id: number; name: string; prefix: string; rateLimitPerMinute: number; createdAt: string; revokedAt: string | null; lastUsedAt: string | null }
export const listApiKeys = () => get<ApiKey[]>('/api/api-keys');
export const createApiKey = (body: { name: string; rateLimitPerMinute?: number }) => post<ApiKey & { key: string }>('/api/api-keys', body);
export const revokeApiKey = (id: number) => post<ApiKey>(`/api/api-keys/${id}/revoke`);

// Intake word lists (敏感词、紧急词) and the cases they flagged for review
export type WordListName = 'urgent' | 'sensitive';
export interface IntakeWord { id: number; list: WordListName; word: string; normalized: string; level: 'urgent' | 'critical' | null; createdAt: string }
export interface IntakeWordInput { list: WordListName; word: string; level?: 'urgent' | 'critical' | null }
export interface FlaggedCase {
  id: number; number: string; title: string; state: string; urgency: string; channel: string; receivedAt: string;
  wordHits: { urgent?: string[]; sensitive?: string[] } | null;
}
export const listIntakeWords = () => get<{ items: IntakeWord[] }>('/api/intake-words');
export const addIntakeWord = (body: IntakeWordInput) => post<IntakeWord>('/api/intake-words', body);
export const changeIntakeWord = (id: number, body: IntakeWordInput) => put<IntakeWord>(`/api/intake-words/${id}`, body);
export const removeIntakeWord = (id: number) => del<void>(`/api/intake-words/${id}`);
export const listFlaggedCases = (q: { limit: number; offset: number }) => get<{ total: number; items: FlaggedCase[] }>('/api/intake-words/flagged-cases', q);
export const clearFlag = (caseId: number) => post<unknown>(`/api/intake-words/flagged-cases/${caseId}/clear`);

// Routing: auto-dispatch and retraining settings, the stored models
export interface RoutingSettings {
  autoDispatch: { enabled: boolean; threshold: number };
  retrain: { enabled: boolean; hour: number; keep: number; maxSamples: number; minUnitSamples: number };
}
export interface RoutingModel {
  id: number; kind: string; trainedAt: string; samples: number; labels: number; sizeBytes: number;
  metrics: { seconds?: number; holdout?: { n: number; accuracy: number; top3: number; macroF1: number } } | null;
}
export const routingSettings = () => get<RoutingSettings>('/api/routing/settings');
export const saveRoutingSettings = (body: Partial<RoutingSettings>) => put<RoutingSettings>('/api/routing/settings', body);
export const routingModels = () => get<{ items: RoutingModel[] }>('/api/routing/models');
