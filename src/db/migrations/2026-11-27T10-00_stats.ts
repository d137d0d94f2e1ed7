import { sql, type Kysely } from 'kysely';

/**
 * Frozen: statistics aggregates (docs/statistics.md).
 *
 * - stats_case_facts: what each case contributes, per (case, day, unit): the
 *   projector's memory, so a changed case can be subtracted and added again;
 *   also what drill-down lists.
 * - stats_daily: the sum of the facts per day × unit × region × category ×
 *   channel × type (any slice).
 * - stats_rollup: the same sums on fewer dimensions (cuboid total: channel ×
 *   type; category; region; unit — per day, month and year; unit × channel ×
 *   type, unit × region, unit × category — per month and year), for the
 *   dashboard and the league tables.
 * - stats_open: the cases open now, with their running reply deadline.
 * - stats_cursor / stats_gaps: how far the projector has read case_history,
 *   and history ids it saw skipped while their transactions may still commit.
 * - stats_calls_daily: hotline calls per day, kept by statement triggers on
 *   hotline_calls in the same transaction as each change.
 */
const counters = [
  'received', 'merged', 'rejected', 'accepted', 'direct', 'dispatched', 'closed', 'replied',
  'handled_closed', 'closed_on_time', 'called_back', 'rated', 'resolved', 'partly_resolved',
  'sat_very', 'sat_ok', 'sat_basic', 'sat_no', 'sat_very_no',
  'rehandled', 'overdue', 'urged', 'supervised', 'instructed', 'unreasonable',
  'assignments', 'signed_on_time', 'returned', 'extended',
];
const cols = (type: string) => sql.raw(counters.map((c) => `${c} ${type} NOT NULL DEFAULT 0`).join(',\n      '));

/** Adds the signed call rows of `source` to stats_calls_daily, per Asia/Shanghai day of offer. */
const applyCalls = (source: string) => sql.raw(`
        INSERT INTO stats_calls_daily AS s (day, offered, answered, answered_within_15s, abandoned, called_back)
        SELECT (offered_at AT TIME ZONE 'Asia/Shanghai')::date, sum(sign),
               coalesce(sum(sign) FILTER (WHERE outcome = 'answered'), 0),
               coalesce(sum(sign) FILTER (WHERE outcome = 'answered' AND answered_at - offered_at <= interval '15 seconds'), 0),
               coalesce(sum(sign) FILTER (WHERE outcome = 'abandoned'), 0),
               coalesce(sum(sign) FILTER (WHERE outcome = 'called_back'), 0)
          FROM (${source}) c GROUP BY 1
        ON CONFLICT (day) DO UPDATE SET
          offered = s.offered + EXCLUDED.offered, answered = s.answered + EXCLUDED.answered,
          answered_within_15s = s.answered_within_15s + EXCLUDED.answered_within_15s,
          abandoned = s.abandoned + EXCLUDED.abandoned, called_back = s.called_back + EXCLUDED.called_back;
        DELETE FROM stats_calls_daily s
         WHERE s.offered = 0 AND s.answered = 0 AND s.abandoned = 0 AND s.called_back = 0
           AND s.day IN (SELECT (offered_at AT TIME ZONE 'Asia/Shanghai')::date FROM (${source}) c);`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE stats_cursor (
      name             text PRIMARY KEY,
      last_history_id  bigint NOT NULL DEFAULT 0,
      runs             bigint NOT NULL DEFAULT 0,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO stats_cursor (name) VALUES ('stats');

    CREATE TABLE stats_gaps (
      lo          bigint PRIMARY KEY,
      hi          bigint NOT NULL,
      open_vxids  text[] NOT NULL,
      seen_at     timestamptz NOT NULL DEFAULT now(),
      CHECK (hi >= lo)
    );

    CREATE TABLE stats_case_facts (
      case_id      integer NOT NULL,
      day          date NOT NULL,
      unit_id      integer NOT NULL,
      region_id    integer NOT NULL,
      category_id  integer NOT NULL,
      channel      text NOT NULL,
      type         text NOT NULL,
      ${cols('smallint')},
      PRIMARY KEY (case_id, day, unit_id)
    );
    CREATE INDEX stats_case_facts_day_idx ON stats_case_facts (day, case_id);

    CREATE TABLE stats_daily (
      day          date NOT NULL,
      unit_id      integer NOT NULL,
      region_id    integer NOT NULL,
      category_id  integer NOT NULL,
      channel      text NOT NULL,
      type         text NOT NULL,
      ${cols('integer')},
      PRIMARY KEY (day, unit_id, region_id, category_id, channel, type)
    ) WITH (fillfactor = 85);
    CREATE INDEX stats_daily_unit_idx ON stats_daily (unit_id, day);

    CREATE TABLE stats_rollup (
      cuboid   text NOT NULL CHECK (cuboid IN ('total','category','region','unit','unit_ct','unit_region','unit_category')),
      grain    text NOT NULL CHECK (grain IN ('day','month','year')),
      period   date NOT NULL,
      key      integer NOT NULL,
      key2     integer NOT NULL,
      channel  text NOT NULL,
      type     text NOT NULL,
      ${cols('integer')},
      PRIMARY KEY (cuboid, grain, period, key, key2, channel, type)
    ) WITH (fillfactor = 80);

    -- The open cases now, for the "now" figures (open, overdue now, supervised now): one narrow
    -- row per open case with the due instant of its running reply clock (NULL when none runs).
    CREATE TABLE stats_open (
      case_id       integer PRIMARY KEY,
      unit_id       integer NOT NULL,
      region_id     integer NOT NULL,
      category_id   integer NOT NULL,
      channel       text NOT NULL,
      type          text NOT NULL,
      state         text NOT NULL,
      supervised    boolean NOT NULL,
      reply_due_at  timestamptz
    );

    CREATE TABLE stats_calls_daily (
      day                  date PRIMARY KEY,
      offered              integer NOT NULL DEFAULT 0,
      answered             integer NOT NULL DEFAULT 0,
      answered_within_15s  integer NOT NULL DEFAULT 0,
      abandoned            integer NOT NULL DEFAULT 0,
      called_back          integer NOT NULL DEFAULT 0
    );

    -- Kept by statement triggers on hotline_calls (below), from their transition tables.
    CREATE FUNCTION stats_calls_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${applyCalls('SELECT offered_at, answered_at, outcome, 1 AS sign FROM new_rows')}
      ELSIF TG_OP = 'DELETE' THEN
        ${applyCalls('SELECT offered_at, answered_at, outcome, -1 AS sign FROM old_rows')}
      ELSE
        ${applyCalls('SELECT offered_at, answered_at, outcome, 1 AS sign FROM new_rows UNION ALL SELECT offered_at, answered_at, outcome, -1 FROM old_rows')}
      END IF;
      RETURN NULL;
    END $fn$;
  `.execute(db);

  // The hotline desk's call records (migration 2026-11-27T06-00_hotline) feed stats_calls_daily.
  await sql`
    DO $$ BEGIN
      IF to_regclass('hotline_calls') IS NOT NULL THEN
        CREATE TRIGGER stats_calls_ins AFTER INSERT ON hotline_calls REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION stats_calls_trigger();
        CREATE TRIGGER stats_calls_del AFTER DELETE ON hotline_calls REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION stats_calls_trigger();
        CREATE TRIGGER stats_calls_upd AFTER UPDATE ON hotline_calls REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION stats_calls_trigger();
        INSERT INTO stats_calls_daily (day, offered, answered, answered_within_15s, abandoned, called_back)
        SELECT (offered_at AT TIME ZONE 'Asia/Shanghai')::date, count(*),
               count(*) FILTER (WHERE outcome = 'answered'),
               count(*) FILTER (WHERE outcome = 'answered' AND answered_at - offered_at <= interval '15 seconds'),
               count(*) FILTER (WHERE outcome = 'abandoned'),
               count(*) FILTER (WHERE outcome = 'called_back')
          FROM hotline_calls GROUP BY 1;
      END IF;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS stats_calls_ins ON hotline_calls;
    DROP TRIGGER IF EXISTS stats_calls_del ON hotline_calls;
    DROP TRIGGER IF EXISTS stats_calls_upd ON hotline_calls;
    DROP FUNCTION stats_calls_trigger;
    DROP TABLE stats_open, stats_calls_daily, stats_rollup, stats_daily, stats_case_facts, stats_gaps, stats_cursor;
  `.execute(db);
}
