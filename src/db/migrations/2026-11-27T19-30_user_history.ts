import { sql, type Kysely } from 'kysely';

/**
 * Frozen: the history of staff accounts (账号变更记录), as units have one:
 * who created an account, who changed its name, unit, roles or whether it
 * may log in (before and after), and who set a new password (never the
 * password). Append-only, like the case history. Accounts that existed
 * before this table have no entries for their earlier changes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE user_history (
      id            bigserial PRIMARY KEY,
      user_id       integer NOT NULL REFERENCES users(id),
      at            timestamptz NOT NULL DEFAULT now(),
      actor_user_id integer REFERENCES users(id),
      action        text NOT NULL CHECK (action IN ('create', 'change', 'password')),
      before        jsonb,
      after         jsonb
    );
    CREATE INDEX user_history_user_idx ON user_history (user_id, id);
    CREATE FUNCTION forbid_user_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'user_history is append-only'; END $$;
    CREATE TRIGGER user_history_append_only BEFORE UPDATE OR DELETE ON user_history
      FOR EACH ROW EXECUTE FUNCTION forbid_user_history_change();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE user_history;
    DROP FUNCTION forbid_user_history_change;
  `.execute(db);
}
