import { sql, type Kysely } from 'kysely';

/**
 * Frozen: `notifications.facts`, what a notification's title and body were
 * made from (the event, the case number and title, the note; or a hot
 * topic's figures), so that the list shows each notification in the
 * reader's language. Older rows have none and keep their Chinese text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE notifications ADD COLUMN facts jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE notifications DROP COLUMN facts`.execute(db);
}
