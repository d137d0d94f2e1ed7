import * as api from '../api/endpoints.ts';
import type { Category, RejectReason, Unit } from '../api/types.ts';

/** Reference lists, fetched once per page load and shared by every form. */
let unitsP: Promise<Unit[]> | undefined;
let categoriesP: Promise<Category[]> | undefined;
let reasonsP: Promise<RejectReason[]> | undefined;

const retryable = <T,>(get: () => Promise<T> | undefined, set: (p: Promise<T> | undefined) => void, load: () => Promise<T>) => {
  const existing = get();
  if (existing) return existing;
  const p = load().catch((err) => { set(undefined); throw err; });
  set(p);
  return p;
};

export const loadUnits = () => retryable(() => unitsP, (p) => (unitsP = p), api.units);
export const loadCategories = () => retryable(() => categoriesP, (p) => (categoriesP = p), api.categories);
export const loadRejectReasons = () => retryable(() => reasonsP, (p) => (reasonsP = p), api.rejectReasons);

export interface TreeNode {
  value: number;
  title: string;
  key: number;
  children?: TreeNode[];
  disabled?: boolean;
}

/** Flat rows with parentId → the nested tree Ant Design's TreeSelect wants. */
export function toTree<T extends { id: number; parentId: number | null }>(rows: T[], title: (r: T) => string, keep: (r: T) => boolean = () => true): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  for (const r of rows) if (keep(r)) nodes.set(r.id, { value: r.id, key: r.id, title: title(r) });
  const roots: TreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id);
    if (!node) continue;
    const parent = r.parentId == null ? undefined : nodes.get(r.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
