import { sql, type Kysely } from 'kysely';

/**
 * Frozen: indexes for the scope check of unit staff (case.repository's
 * `visibleTo`) and for the case list's default order.
 *
 * - `case_assignments (unit_id, case_id)`: the case ids assigned to a unit
 *   subtree come from the index alone (no scan of every assignment).
 * - `cases (received_at DESC NULLS LAST, id DESC)`: exactly the list's default
 *   order, so a page walks the index and stops after 20 visible rows instead
 *   of sorting every visible case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX case_assignments_unit_case_idx ON case_assignments (unit_id, case_id)`.execute(db);
  await sql`CREATE INDEX cases_received_id_idx ON cases (received_at DESC NULLS LAST, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_received_id_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS case_assignments_unit_case_idx`.execute(db);
}
