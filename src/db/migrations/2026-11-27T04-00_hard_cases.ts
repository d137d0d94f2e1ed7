import { sql, type Kysely } from 'kysely';

/**
 * Frozen: hard and long-standing cases (疑难、历史遗留; 理旧账): a responsible
 * leader, a task force of units (一案一专班), a plan with milestones, progress
 * reports, and the leader's close-out (销号).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE hard_cases (
      case_id                integer PRIMARY KEY REFERENCES cases(id),
      kind                   text NOT NULL CHECK (kind IN ('hard','legacy')),
      responsible_leader_id  integer NOT NULL REFERENCES users(id),
      plan                   text NOT NULL,
      status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed_out')),
      opened_by              integer NOT NULL REFERENCES users(id),
      opened_at              timestamptz NOT NULL,
      closed_out_at          timestamptz,
      closed_out_by          integer REFERENCES users(id),
      close_out_note         text,
      CHECK ((status = 'closed_out') = (closed_out_at IS NOT NULL))
    );
    CREATE INDEX hard_cases_leader_idx ON hard_cases (responsible_leader_id);

    -- The task force (专班): exactly one lead unit, any number of members.
    CREATE TABLE hard_case_units (
      case_id  integer NOT NULL REFERENCES hard_cases(case_id),
      unit_id  integer NOT NULL REFERENCES units(id),
      role     text NOT NULL CHECK (role IN ('lead','member')),
      PRIMARY KEY (case_id, unit_id)
    );
    CREATE UNIQUE INDEX hard_case_units_one_lead ON hard_case_units (case_id) WHERE role = 'lead';
    CREATE INDEX hard_case_units_unit_idx ON hard_case_units (unit_id);

    CREATE TABLE hard_case_milestones (
      id        serial PRIMARY KEY,
      case_id   integer NOT NULL REFERENCES hard_cases(case_id),
      title     text NOT NULL,
      due_date  date NOT NULL,
      done_at   timestamptz,
      done_by   integer REFERENCES users(id),
      sort      integer NOT NULL DEFAULT 0
    );
    CREATE INDEX hard_case_milestones_case_idx ON hard_case_milestones (case_id, sort, id);

    CREATE TABLE hard_case_reports (
      id            serial PRIMARY KEY,
      case_id       integer NOT NULL REFERENCES hard_cases(case_id),
      at            timestamptz NOT NULL,
      author_id     integer NOT NULL REFERENCES users(id),
      unit_id       integer NOT NULL REFERENCES units(id),
      content       text NOT NULL,
      milestone_id  integer REFERENCES hard_case_milestones(id)
    );
    CREATE INDEX hard_case_reports_case_idx ON hard_case_reports (case_id, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE hard_case_reports, hard_case_milestones, hard_case_units, hard_cases`.execute(db);
}
