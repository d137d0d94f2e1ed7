import { sql, type Kysely } from 'kysely';

/** Frozen: the foundation schema (organisations, people, cases, history, outbox). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE units (
      id          serial PRIMARY KEY,
      parent_id   integer REFERENCES units(id),
      key         text NOT NULL UNIQUE,
      name        text NOT NULL,
      kind        text NOT NULL CHECK (kind IN ('centre','region','department','mediation')),
      level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
      path        text NOT NULL,
      active      boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX units_path_idx ON units (path text_pattern_ops);
    CREATE INDEX units_parent_idx ON units (parent_id);

    CREATE TABLE unit_history (
      id            bigserial PRIMARY KEY,
      unit_id       integer NOT NULL REFERENCES units(id),
      at            timestamptz NOT NULL DEFAULT now(),
      actor_user_id integer,
      action        text NOT NULL,
      before        jsonb,
      after         jsonb
    );
    CREATE INDEX unit_history_unit_idx ON unit_history (unit_id, id);

    CREATE TABLE users (
      id             serial PRIMARY KEY,
      username       text NOT NULL UNIQUE,
      display_name   text NOT NULL,
      unit_id        integer NOT NULL REFERENCES units(id),
      roles          text[] NOT NULL,
      password_hash  text NOT NULL,
      active         boolean NOT NULL DEFAULT true,
      created_at     timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE sessions (
      token_hash    text PRIMARY KEY,
      user_id       integer NOT NULL REFERENCES users(id),
      created_at    timestamptz NOT NULL DEFAULT now(),
      expires_at    timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE categories (
      id         serial PRIMARY KEY,
      parent_id  integer REFERENCES categories(id),
      name       text NOT NULL,
      level      smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
      full_name  text NOT NULL UNIQUE,
      active     boolean NOT NULL DEFAULT true,
      sort       integer NOT NULL DEFAULT 0
    );

    CREATE TABLE reject_reasons (
      code     text PRIMARY KEY,
      label_zh text NOT NULL,
      label_en text NOT NULL,
      active   boolean NOT NULL DEFAULT true
    );

    CREATE TABLE counters (
      name  text PRIMARY KEY,
      value bigint NOT NULL
    );

    CREATE TABLE cases (
      id                 serial PRIMARY KEY,
      number             text NOT NULL UNIQUE,
      query_code         text NOT NULL,
      channel            text NOT NULL,
      citizen_name       text,
      citizen_phone      text,
      citizen_sex        text,
      citizen_org        text,
      type               text NOT NULL,
      category_id        integer REFERENCES categories(id),
      urgency            text NOT NULL,
      confidential       boolean NOT NULL DEFAULT false,
      region_unit_id     integer REFERENCES units(id),
      address            text,
      lat                double precision,
      lng                double precision,
      subject            text,
      title              text NOT NULL,
      content            text NOT NULL,
      leader_key         text,
      state              text NOT NULL,
      version            integer NOT NULL DEFAULT 1,
      lead_unit_id       integer REFERENCES units(id),
      reject_reason_code text REFERENCES reject_reasons(code),
      merged_into_id     integer REFERENCES cases(id),
      direct_answer      text,
      supervised         boolean NOT NULL DEFAULT false,
      instructed         boolean NOT NULL DEFAULT false,
      urge_count         integer NOT NULL DEFAULT 0,
      return_count       integer NOT NULL DEFAULT 0,
      rehandle_count     integer NOT NULL DEFAULT 0,
      reply_content      text,
      reply_unit_id      integer REFERENCES units(id),
      replied_at         timestamptz,
      callback_attempts  integer NOT NULL DEFAULT 0,
      resolution         text,
      satisfaction       text,
      received_at        timestamptz NOT NULL,
      registered_at      timestamptz,
      dispatched_at      timestamptz,
      closed_at          timestamptz,
      archived_at        timestamptz,
      created_by         integer REFERENCES users(id),
      created_at         timestamptz NOT NULL DEFAULT now(),
      updated_at         timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX cases_state_idx ON cases (state);
    CREATE INDEX cases_received_idx ON cases (received_at DESC);
    CREATE INDEX cases_phone_idx ON cases (citizen_phone);

    CREATE TABLE case_assignments (
      id               serial PRIMARY KEY,
      case_id          integer NOT NULL REFERENCES cases(id),
      unit_id          integer NOT NULL REFERENCES units(id),
      role             text NOT NULL CHECK (role IN ('lead','assist','sub')),
      parent_id        integer REFERENCES case_assignments(id),
      status           text NOT NULL,
      round            integer NOT NULL DEFAULT 1,
      dispatched_at    timestamptz NOT NULL,
      dispatched_by    integer REFERENCES users(id),
      signed_at        timestamptz,
      returned_at      timestamptz,
      return_reason    text,
      input_content    text,
      input_at         timestamptz
    );
    CREATE INDEX case_assignments_case_idx ON case_assignments (case_id);
    CREATE INDEX case_assignments_unit_idx ON case_assignments (unit_id, status);

    CREATE TABLE case_replies (
      id             serial PRIMARY KEY,
      case_id        integer NOT NULL REFERENCES cases(id),
      unit_id        integer NOT NULL REFERENCES units(id),
      content        text NOT NULL,
      status         text NOT NULL,
      drafted_by     integer REFERENCES users(id),
      drafted_at     timestamptz NOT NULL,
      signed_off_by  integer REFERENCES users(id),
      signed_off_at  timestamptz,
      reviewed_by    integer REFERENCES users(id),
      reviewed_at    timestamptz,
      review_note    text
    );
    CREATE INDEX case_replies_case_idx ON case_replies (case_id, id);

    CREATE TABLE case_callbacks (
      id            serial PRIMARY KEY,
      case_id       integer NOT NULL REFERENCES cases(id),
      at            timestamptz NOT NULL,
      agent_id      integer REFERENCES users(id),
      reached       boolean NOT NULL,
      resolution    text,
      satisfaction  text,
      note          text
    );
    CREATE INDEX case_callbacks_case_idx ON case_callbacks (case_id, id);

    CREATE TABLE case_history (
      id             bigserial PRIMARY KEY,
      case_id        integer NOT NULL REFERENCES cases(id),
      at             timestamptz NOT NULL,
      actor_user_id  integer REFERENCES users(id),
      actor_unit_id  integer REFERENCES units(id),
      action         text NOT NULL,
      from_state     text,
      to_state       text NOT NULL,
      note           text,
      data           jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX case_history_case_idx ON case_history (case_id, id);

    -- The history is append-only: no UPDATE or DELETE, whoever asks.
    CREATE FUNCTION forbid_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'case_history is append-only'; END $$;
    CREATE TRIGGER case_history_append_only BEFORE UPDATE OR DELETE ON case_history
      FOR EACH ROW EXECUTE FUNCTION forbid_history_change();

    CREATE TABLE attachments (
      id           serial PRIMARY KEY,
      case_id      integer NOT NULL REFERENCES cases(id),
      file_name    text NOT NULL,
      mime_type    text NOT NULL,
      size_bytes   integer NOT NULL,
      sha256       text,
      uploaded_by  integer REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_case_idx ON attachments (case_id);

    CREATE TABLE outbox (
      id            bigserial PRIMARY KEY,
      event_type    text NOT NULL,
      case_id       integer REFERENCES cases(id),
      payload       jsonb NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      processed_at  timestamptz,
      attempts      integer NOT NULL DEFAULT 0,
      last_error    text
    );
    CREATE INDEX outbox_pending_idx ON outbox (id) WHERE processed_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE outbox, attachments, case_history, case_callbacks, case_replies,
      case_assignments, cases, counters, reject_reasons, categories, sessions, users,
      unit_history, units CASCADE;
    DROP FUNCTION forbid_history_change;
  `.execute(db);
}
