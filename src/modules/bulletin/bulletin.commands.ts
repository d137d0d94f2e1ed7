import type { Db, Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { SessionActor } from '../../http/context.ts';
import { requireUnit } from '../org/org.repository.ts';
import { buildBulletinData } from './bulletin.data.ts';
import { parseBulletinPeriod } from './bulletin.period.ts';
import { findBulletinId, insertBulletin } from './bulletin.repository.ts';
import { bulletinXlsx } from './bulletin.xlsx.ts';

/** The unit subtree an actor may see bulletins of: the whole city for citywide staff, else their own unit's subtree. */
export function bulletinScope(actor: SessionActor): string {
  return actor.citywide ? '/' : actor.unitPath;
}

export interface GenerateBulletin {
  /** `2026-10` or `2026-Q3`. */
  period: string;
  unitId: number;
}

/**
 * Makes and stores the bulletin of a unit subtree for a finished month or
 * quarter, once: when it exists already it is returned unchanged
 * (`created: false`), so a published bulletin never changes. The figures
 * are read (through the statistics module) before the row is written; `db`
 * must be able to open its own read transactions, `write` is where the row
 * goes (a job's transaction, or the pool).
 * @throws INVALID_INPUT for a malformed or unfinished period; UNIT_NOT_FOUND; FORBIDDEN for a unit outside the actor's subtree.
 */
export async function generateBulletin(
  db: Db, write: Queryable, actor: SessionActor | null, props: GenerateBulletin, now: Date,
): Promise<{ id: number; created: boolean }> {
  const period = parseBulletinPeriod(props.period, now);
  const unit = await requireUnit(db, props.unitId);
  if (actor && !unit.path.startsWith(bulletinScope(actor))) throw new DomainError('FORBIDDEN');
  const existing = await findBulletinId(write, period.kind, period.code, unit.id);
  if (existing) return { id: existing, created: false };
  const data = await buildBulletinData(db, unit, period, now);
  const xlsx = await bulletinXlsx(data, 'zh');
  const id = await insertBulletin(write, { kind: period.kind, period: period.code, unitId: unit.id, generatedBy: actor?.userId ?? null, generatedAt: now, data, xlsx });
  if (id) return { id, created: true };
  // Someone else stored it between our check and our insert: theirs stands.
  return { id: (await findBulletinId(write, period.kind, period.code, unit.id))!, created: false };
}
