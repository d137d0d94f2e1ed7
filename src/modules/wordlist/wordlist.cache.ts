import type { Queryable } from '../../db/database.ts';
import { compileLists, type CompiledLists } from './wordlist.rules.ts';

/**
 * The intake word lists in process memory, valid for one `config_version`.
 *
 * Changes to `intake_words` bump `config_version` (a trigger, in the same
 * transaction), exactly like the calendar and time-limit configuration in
 * deadline/config.cache.ts. Intake already reads that version in its first
 * statement; the caller passes the version it holds and this copy is used
 * only when it was loaded at that very version, otherwise the lists are
 * read again (one query, once per process per change). So a committed
 * change applies at once in every process, with no time-to-live.
 */

const caches = new WeakMap<object, { version: number; lists: Promise<CompiledLists> }>();
const keyOf = (db: Queryable): object => db.getExecutor().adapter;

/** The lists as of config version `version`. */
export function wordListsAt(db: Queryable, version: number): Promise<CompiledLists> {
  const key = keyOf(db);
  const hit = caches.get(key);
  if (hit && hit.version === version) return hit.lists;
  const lists = db.selectFrom('intakeWords').select(['list', 'word', 'level']).orderBy('id').execute().then(compileLists);
  caches.set(key, { version, lists });
  lists.catch(() => { if (caches.get(key)?.lists === lists) caches.delete(key); });
  return lists;
}
