import type { CaseQuery } from '../api/endpoints.ts';

/** The case list's filters live in the address (so a queue, a view or a reload shows the same list). */
export interface ListState extends CaseQuery {
  queue?: string;
  page?: number;
  pageSize?: number;
}

const numeric = new Set(['unitId', 'page', 'pageSize']);

export function listSearch(s: ListState): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  return p.toString();
}

export function parseListSearch(search: URLSearchParams): ListState {
  const s: Record<string, unknown> = {};
  for (const [k, v] of search.entries()) {
    if (numeric.has(k)) s[k] = Number(v) || undefined;
    else if (k === 'supervised') s[k] = v === 'true' ? true : undefined;
    else s[k] = v;
  }
  return s as ListState;
}
