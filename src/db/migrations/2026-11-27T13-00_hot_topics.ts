import { sql, type Kysely } from 'kysely';

/**
 * Frozen: hot topics (热点).
 *
 * - `hot_topics`: one row per cluster of recent appeals about the same
 *   problem at the same place, kept by the `hot-topics` job (ids survive
 *   reruns: a new run's cluster takes the id of the stored topic it shares
 *   most appeals with). `active` is false once a topic no longer forms;
 *   `alerted_at` is when the centre was last alerted that it grows fast.
 * - `hot_topic_cases`: the appeals of each topic (with their arrival, for
 *   counts and trends without touching `cases`).
 * - `hot_topic_settings`: one row with the clustering and alert settings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE hot_topics (
      id                  serial PRIMARY KEY,
      label               text NOT NULL,
      place               text,
      region              text,
      region_unit_id      integer REFERENCES units(id),
      terms               text[] NOT NULL DEFAULT '{}',
      representative_ids  integer[] NOT NULL DEFAULT '{}',
      size                integer NOT NULL,
      first_at            timestamptz NOT NULL,
      last_at             timestamptz NOT NULL,
      active              boolean NOT NULL DEFAULT true,
      alerted_at          timestamptz,
      computed_at         timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX hot_topics_active_idx ON hot_topics (active, last_at);

    CREATE TABLE hot_topic_cases (
      topic_id     integer NOT NULL REFERENCES hot_topics(id) ON DELETE CASCADE,
      case_id      integer NOT NULL REFERENCES cases(id),
      received_at  timestamptz NOT NULL,
      PRIMARY KEY (topic_id, case_id)
    );
    CREATE INDEX hot_topic_cases_case_idx ON hot_topic_cases (case_id);
    CREATE INDEX hot_topic_cases_received_idx ON hot_topic_cases (received_at, topic_id);

    CREATE TABLE hot_topic_settings (
      singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      value       jsonb NOT NULL,
      updated_by  integer REFERENCES users(id),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE hot_topic_settings; DROP TABLE hot_topic_cases; DROP TABLE hot_topics;`.execute(db);
}
