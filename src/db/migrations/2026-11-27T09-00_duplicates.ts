import { sql, type Kysely } from 'kysely';

/**
 * Frozen: repeats (并单) and the fast 7x24 intake.
 *
 * - `case_contacts`: each appeal merged into a case stays a contact of that
 *   case (who, through which channel, when), so the citizen follows the
 *   target and figures can count contacts and cases apart. Backfilled from
 *   cases merged before this migration (to the end of their merge chain).
 * - `cases.dup_text` and `cases.dup_place`: the normalised head of title +
 *   content and the normalised address that the duplicate check compares
 *   (written at intake; a trigger clears them when title, content or
 *   address change without them, and readers then recompute them).
 * - Indexes for the candidates of the duplicate check: same region, nearby
 *   coordinates, same start of the address (same phone uses
 *   cases_phone_key_idx).
 * - Case numbers from one sequence per year (`next_case_serial`): taking a
 *   number no longer locks a row until commit, so intakes do not queue
 *   behind each other's commit. A sequence starts after the year's legacy
 *   `counters` value.
 * - `config_version`: a number bumped (from a sequence, so never reused,
 *   even after a rollback) by any change to the read-mostly configuration,
 *   which processes cache against it.
 * - The `duplicate_window_days` setting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE case_contacts (
      id              bigserial PRIMARY KEY,
      case_id         integer NOT NULL REFERENCES cases(id),
      merged_case_id  integer NOT NULL UNIQUE REFERENCES cases(id),
      channel         text NOT NULL,
      citizen_name    text,
      citizen_phone   text,
      received_at     timestamptz NOT NULL
    );
    CREATE INDEX case_contacts_case_idx ON case_contacts (case_id, id);
    CREATE INDEX case_contacts_received_idx ON case_contacts (received_at);

    WITH RECURSIVE chain AS (
      SELECT id AS merged_case_id, merged_into_id AS target_id, 0 AS depth FROM cases WHERE merged_into_id IS NOT NULL
      UNION ALL
      SELECT chain.merged_case_id, c.merged_into_id, chain.depth + 1
        FROM chain JOIN cases c ON c.id = chain.target_id
       WHERE c.merged_into_id IS NOT NULL AND chain.depth < 20
    ), final AS (
      SELECT DISTINCT ON (merged_case_id) merged_case_id, target_id FROM chain ORDER BY merged_case_id, depth DESC
    )
    INSERT INTO case_contacts (case_id, merged_case_id, channel, citizen_name, citizen_phone, received_at)
    SELECT f.target_id, m.id, m.channel, m.citizen_name, m.citizen_phone, m.received_at
      FROM final f JOIN cases m ON m.id = f.merged_case_id
     ORDER BY m.id;

    ALTER TABLE cases ADD COLUMN dup_text text, ADD COLUMN dup_place text;
    CREATE FUNCTION cases_clear_dup_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.title IS DISTINCT FROM OLD.title OR NEW.content IS DISTINCT FROM OLD.content)
         AND NEW.dup_text IS NOT DISTINCT FROM OLD.dup_text THEN
        NEW.dup_text := NULL;
      END IF;
      IF NEW.address IS DISTINCT FROM OLD.address AND NEW.dup_place IS NOT DISTINCT FROM OLD.dup_place THEN
        NEW.dup_place := NULL;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER cases_dup_text_stale BEFORE UPDATE OF title, content, address ON cases
      FOR EACH ROW EXECUTE FUNCTION cases_clear_dup_text();

    CREATE INDEX cases_region_received_idx ON cases (region_unit_id, received_at) WHERE region_unit_id IS NOT NULL;
    CREATE INDEX cases_geo_idx ON cases (lat, lng) WHERE lat IS NOT NULL;
    CREATE INDEX cases_place_idx ON cases (dup_place text_pattern_ops) WHERE dup_place IS NOT NULL;

    CREATE FUNCTION next_case_serial(y integer) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      seq text := 'case_serial_' || y;
    BEGIN
      IF to_regclass(seq) IS NULL THEN
        -- First number of a year: one creator at a time; a second intake waits
        -- here, then finds the sequence (IF NOT EXISTS looks it up afresh).
        PERFORM pg_advisory_xact_lock(20261127, y);
        BEGIN
          EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START WITH %s', seq,
            coalesce((SELECT value FROM counters WHERE name = 'case:' || y), 0) + 1);
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
          NULL; -- created meanwhile by a transaction that has just committed
        END;
      END IF;
      RETURN nextval(seq);
    END $$;

    CREATE SEQUENCE config_version_seq;
    CREATE TABLE config_version (
      singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      version    bigint NOT NULL
    );
    INSERT INTO config_version (version) VALUES (nextval('config_version_seq'));
    CREATE FUNCTION bump_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE config_version SET version = nextval('config_version_seq');
      RETURN NULL;
    END $$;
    CREATE TRIGGER settings_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
      FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
    CREATE TRIGGER calendar_overrides_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_overrides
      FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
    CREATE TRIGGER calendar_years_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years
      FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
    CREATE TRIGGER time_limit_policies_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON time_limit_policies
      FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
    CREATE TRIGGER categories_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
      FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

    INSERT INTO settings (key, value) VALUES ('duplicate_window_days', '30') ON CONFLICT (key) DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER settings_config_version ON settings;
    DROP TRIGGER calendar_overrides_config_version ON calendar_overrides;
    DROP TRIGGER calendar_years_config_version ON calendar_years;
    DROP TRIGGER time_limit_policies_config_version ON time_limit_policies;
    DROP TRIGGER categories_config_version ON categories;
    DROP FUNCTION bump_config_version;
    DROP TABLE config_version;
    DROP SEQUENCE config_version_seq;
    DO $$
    DECLARE s record;
    BEGIN
      FOR s IN SELECT relname FROM pg_class WHERE relkind = 'S' AND relname ~ '^case_serial_[0-9]+$' LOOP
        EXECUTE format('INSERT INTO counters (name, value) SELECT %L, last_value FROM %I WHERE is_called
                        ON CONFLICT (name) DO UPDATE SET value = greatest(counters.value, excluded.value)',
                       'case:' || substr(s.relname, 13), s.relname);
        EXECUTE format('DROP SEQUENCE %I', s.relname);
      END LOOP;
    END $$;
    DROP FUNCTION next_case_serial;
    DROP INDEX cases_region_received_idx, cases_geo_idx, cases_place_idx;
    DROP TRIGGER cases_dup_text_stale ON cases;
    DROP FUNCTION cases_clear_dup_text;
    ALTER TABLE cases DROP COLUMN dup_text, DROP COLUMN dup_place;
    DROP TABLE case_contacts;
    DELETE FROM settings WHERE key = 'duplicate_window_days';
  `.execute(db);
}
