import { sql, type Kysely } from 'kysely';

/**
 * Frozen: in-app notifications for staff and the SMS outbox for citizens.
 * Both are written by the outbox dispatcher in the transaction that marks the
 * outbox row processed; the unique keys make a second run a no-op. No foreign
 * key to `outbox`, so processed outbox rows can be pruned later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE notifications (
      id          bigserial PRIMARY KEY,
      user_id     integer NOT NULL REFERENCES users(id),
      case_id     integer REFERENCES cases(id),
      kind        text NOT NULL,
      title       text NOT NULL,
      body        text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      read_at     timestamptz,
      outbox_id   bigint NOT NULL,
      UNIQUE (outbox_id, user_id)
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
    CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

    CREATE TABLE sms_messages (
      id           bigserial PRIMARY KEY,
      outbox_id    bigint,
      purpose      text NOT NULL,
      phone        text NOT NULL,
      body         text NOT NULL,
      status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed')),
      attempts     integer NOT NULL DEFAULT 0,
      lease_until  timestamptz,
      last_error   text,
      created_at   timestamptz NOT NULL DEFAULT now(),
      sent_at      timestamptz,
      UNIQUE (outbox_id, phone, purpose)
    );
    CREATE INDEX sms_messages_due_idx ON sms_messages (id) WHERE status IN ('pending','sending');
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE sms_messages, notifications`.execute(db);
}
