import { sql, type Kysely } from 'kysely';

/** Frozen: deadlines per unit and stage, extensions, suspensions, and the alarms the sweeper fires. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE case_assignments
      ADD COLUMN sign_due_at      timestamptz,
      ADD COLUMN reply_due_at     timestamptz,
      ADD COLUMN sign_policy      jsonb,
      ADD COLUMN reply_policy     jsonb,
      ADD COLUMN paused_at        timestamptz,
      ADD COLUMN extension_count  integer NOT NULL DEFAULT 0;

    ALTER TABLE cases
      ADD COLUMN register_due_at    timestamptz,
      ADD COLUMN review_due_at      timestamptz,
      ADD COLUMN callback_due_at    timestamptz,
      ADD COLUMN deadline_policies  jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN suspended          boolean NOT NULL DEFAULT false,
      ADD COLUMN listed             boolean NOT NULL DEFAULT false,
      ADD COLUMN extension_count    integer NOT NULL DEFAULT 0;

    CREATE TABLE case_extensions (
      id             serial PRIMARY KEY,
      case_id        integer NOT NULL REFERENCES cases(id),
      assignment_id  integer NOT NULL REFERENCES case_assignments(id),
      days           integer NOT NULL CHECK (days BETWEEN 1 AND 30),
      reason         text NOT NULL,
      status         text NOT NULL CHECK (status IN ('requested','approved','refused')),
      requested_by   integer REFERENCES users(id),
      requested_at   timestamptz NOT NULL,
      decided_by     integer REFERENCES users(id),
      decided_at     timestamptz,
      decision_note  text,
      old_due_at     timestamptz,
      new_due_at     timestamptz
    );
    CREATE INDEX case_extensions_case_idx ON case_extensions (case_id);

    CREATE TABLE case_suspensions (
      id             serial PRIMARY KEY,
      case_id        integer NOT NULL REFERENCES cases(id),
      reason         text NOT NULL,
      status         text NOT NULL CHECK (status IN ('requested','active','refused','ended')),
      requested_by   integer REFERENCES users(id),
      requested_at   timestamptz NOT NULL,
      decided_by     integer REFERENCES users(id),
      decided_at     timestamptz,
      started_at     timestamptz,
      ended_at       timestamptz,
      ended_by       integer REFERENCES users(id)
    );
    CREATE INDEX case_suspensions_case_idx ON case_suspensions (case_id);

    -- One row per rung of the escalation ladder for each live deadline; the sweeper fires them.
    CREATE TABLE deadline_alarms (
      id             bigserial PRIMARY KEY,
      case_id        integer NOT NULL REFERENCES cases(id),
      assignment_id  integer NOT NULL REFERENCES case_assignments(id),
      stage          text NOT NULL CHECK (stage IN ('sign','reply')),
      level          text NOT NULL,
      due_at         timestamptz NOT NULL,
      fire_at        timestamptz NOT NULL,
      fired_at       timestamptz,
      UNIQUE (assignment_id, stage, level, due_at)
    );
    CREATE INDEX deadline_alarms_pending_idx ON deadline_alarms (fire_at) WHERE fired_at IS NULL;
    CREATE INDEX deadline_alarms_assignment_idx ON deadline_alarms (assignment_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE deadline_alarms, case_suspensions, case_extensions;
    ALTER TABLE cases DROP COLUMN register_due_at, DROP COLUMN review_due_at, DROP COLUMN callback_due_at,
      DROP COLUMN deadline_policies, DROP COLUMN suspended, DROP COLUMN listed, DROP COLUMN extension_count;
    ALTER TABLE case_assignments DROP COLUMN sign_due_at, DROP COLUMN reply_due_at, DROP COLUMN sign_policy,
      DROP COLUMN reply_policy, DROP COLUMN paused_at, DROP COLUMN extension_count;
  `.execute(db);
}
