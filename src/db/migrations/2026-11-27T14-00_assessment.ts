import { sql, type Kysely } from 'kysely';

/**
 * Frozen: the annual assessment (年度考核, docs/assessment.md).
 *
 * - `assessment_schemes`: a year's scheme as JSON (validated by the
 *   application on write). Replacing a scheme keeps the old row, inactive;
 *   at most one row per year is active. A year without a row uses the
 *   built-in default scheme.
 * - `assessment_appeals`: a unit's appeal (考核申诉) about how one case
 *   counts, and the centre's decision. At most one open appeal per case and
 *   unit. Each filing and decision is also a case_history entry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE assessment_schemes (
      id          serial PRIMARY KEY,
      year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      name        text NOT NULL,
      config      jsonb NOT NULL,
      active      boolean NOT NULL DEFAULT true,
      created_by  integer REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX assessment_schemes_active_year ON assessment_schemes (year) WHERE active;

    CREATE TABLE assessment_appeals (
      id             serial PRIMARY KEY,
      case_id        integer NOT NULL REFERENCES cases(id),
      unit_id        integer NOT NULL REFERENCES units(id),
      kind           text NOT NULL CHECK (kind IN ('unreasonable', 'notResponsible', 'forceMajeure')),
      reason         text NOT NULL,
      status         text NOT NULL DEFAULT 'filed' CHECK (status IN ('filed', 'accepted', 'rejected')),
      filed_by       integer NOT NULL REFERENCES users(id),
      filed_at       timestamptz NOT NULL DEFAULT now(),
      decided_by     integer REFERENCES users(id),
      decided_at     timestamptz,
      decision_note  text
    );
    CREATE UNIQUE INDEX assessment_appeals_one_open ON assessment_appeals (case_id, unit_id) WHERE status = 'filed';
    CREATE INDEX assessment_appeals_accepted ON assessment_appeals (case_id) WHERE status = 'accepted';
    CREATE INDEX assessment_appeals_status ON assessment_appeals (status, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE assessment_appeals; DROP TABLE assessment_schemes;`.execute(db);
}
