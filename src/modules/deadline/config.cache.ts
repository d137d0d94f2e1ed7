import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { TimeLimitPolicy } from '../../domain/deadlines.ts';
import { loadCalendar } from '../calendar/calendar.repository.ts';
import { getSetting } from '../calendar/settings.repository.ts';
import type { DeadlineRules, LadderRung } from './deadline.service.ts';

/**
 * The read-mostly configuration every intake and case action needs — the
 * working calendar (overrides, confirmed years, office hours), the active
 * time-limit policies, the escalation ladder, the due-soon threshold, the
 * category tree and the repeat window — kept in process memory and checked
 * against `config_version` on EVERY use.
 *
 * Why this is safe with several processes: triggers on `settings`,
 * `calendar_overrides`, `calendar_years`, `time_limit_policies` and
 * `categories` set `config_version.version` to a new value from a sequence
 * in the same transaction as the change. A process uses its copy only while
 * the version it reads now — in the caller's transaction, usually folded
 * into a query it makes anyway — equals the version the copy was loaded at;
 * otherwise it reloads. So a committed change takes effect at once in every
 * process (there is no time-to-live and no window of stale reads), and a
 * change still uncommitted, or rolled back, is seen only by its own
 * transaction: its version number comes from a sequence, is never handed
 * out twice, and so never matches what other transactions read. The cost is
 * one indexed single-row read per use instead of the six to eight queries
 * the configuration takes to load.
 *
 * The cache is per database handle (the pool and its transactions share one
 * Kysely adapter object), so two databases in one process never mix.
 */

export interface CategoryFacts {
  parentId: number | null;
  active: boolean;
  fullName: string;
}

export interface ConfigSnapshot {
  version: number;
  rules: DeadlineRules;
  categories: ReadonlyMap<number, CategoryFacts>;
  /** How far back and ahead the repeat check looks (setting `duplicate_window_days`). */
  duplicateWindowDays: number;
}

const caches = new WeakMap<object, { version: number; snapshot: Promise<ConfigSnapshot> }>();

/** The same object for a Kysely instance and all its transactions. */
const keyOf = (db: Queryable): object => db.getExecutor().adapter;

export async function readConfigVersion(db: Queryable): Promise<number> {
  const { rows } = await sql<{ version: string | number }>`SELECT version FROM config_version`.execute(db);
  return Number(rows[0]?.version ?? 0);
}

/**
 * The configuration as of `version` (read now when not given: pass the
 * version when a query of yours already read it in this transaction).
 */
export async function configSnapshot(db: Queryable, version?: number): Promise<ConfigSnapshot> {
  const v = version ?? (await readConfigVersion(db));
  const key = keyOf(db);
  const hit = caches.get(key);
  if (hit && hit.version === v) return hit.snapshot;
  const snapshot = loadSnapshot(db, v);
  caches.set(key, { version: v, snapshot });
  // A failed load is not remembered: the next use tries again.
  snapshot.catch(() => { if (caches.get(key)?.snapshot === snapshot) caches.delete(key); });
  return snapshot;
}

/**
 * The copy held now, without checking it (undefined before the first use):
 * for a query that needs a setting as a constant and reads the version in
 * the same round trip — the caller must check that version afterwards.
 */
export function peekConfig(db: Queryable): Promise<ConfigSnapshot> | undefined {
  return caches.get(keyOf(db))?.snapshot;
}

/** Forgets the cached configuration of this database (tests; never needed for correctness). */
export function forgetConfig(db: Queryable) {
  caches.delete(keyOf(db));
}

async function loadSnapshot(db: Queryable, version: number): Promise<ConfigSnapshot> {
  const [calendar, policies, ladder, dueSoon, categories, windowDays] = await Promise.all([
    loadCalendar(db),
    db.selectFrom('timeLimitPolicies').selectAll().where('active', '=', true).execute(),
    getSetting<LadderRung[]>(db, 'escalation_ladder'),
    getSetting<{ workingHours: number }>(db, 'due_soon'),
    db.selectFrom('categories').select(['id', 'parentId', 'active', 'fullName']).execute(),
    getSetting<number>(db, 'duplicate_window_days'),
  ]);
  const categoryMap = new Map(categories.map((c) => [c.id, { parentId: c.parentId, active: c.active, fullName: c.fullName }]));
  return {
    version,
    rules: {
      calendar,
      policies: policies as unknown as TimeLimitPolicy[],
      ladder: [...ladder].sort((a, b) => a.afterWorkingHours - b.afterWorkingHours),
      dueSoonWorkingHours: dueSoon.workingHours,
      categories: categoryMap,
    },
    categories: categoryMap,
    duplicateWindowDays: windowDays,
  };
}

/** A category and its ancestors, most specific first; undefined for an unknown id. */
export function lineageOf(categories: ReadonlyMap<number, CategoryFacts>, categoryId: number): number[] | undefined {
  if (!categories.has(categoryId)) return undefined;
  const out: number[] = [];
  for (let id: number | null = categoryId; id !== null && out.length <= 10; id = categories.get(id)?.parentId ?? null) out.push(id);
  return out;
}
