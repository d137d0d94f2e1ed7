import { sql, type Kysely } from 'kysely';

/**
 * Frozen: the text source of repeat candidates (并单; docs/duplicates.md).
 *
 * - `cases.dup_bands`: MinHash band values of `dup_text` with its 30-day
 *   period (src/modules/duplicate/duplicate.signature.ts), written at
 *   intake; a GIN index finds the cases sharing a band (`&&`). Existing
 *   cases keep null: they are found by the other sources as before. No
 *   pending list (fastupdate off): every intake searches this index, and a
 *   search reads the whole pending list, which under steady intake is never
 *   short.
 * - The trigger that clears `dup_text` when the title or content changes now
 *   clears `dup_bands` too whenever `dup_text` changes without new bands.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE cases ADD COLUMN dup_bands integer[];
    CREATE INDEX cases_dup_bands_idx ON cases USING gin (dup_bands) WITH (fastupdate = off) WHERE dup_bands IS NOT NULL;
    CREATE OR REPLACE FUNCTION cases_clear_dup_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.title IS DISTINCT FROM OLD.title OR NEW.content IS DISTINCT FROM OLD.content)
         AND NEW.dup_text IS NOT DISTINCT FROM OLD.dup_text THEN
        NEW.dup_text := NULL;
      END IF;
      IF NEW.dup_text IS DISTINCT FROM OLD.dup_text AND NEW.dup_bands IS NOT DISTINCT FROM OLD.dup_bands THEN
        NEW.dup_bands := NULL;
      END IF;
      IF NEW.address IS DISTINCT FROM OLD.address AND NEW.dup_place IS NOT DISTINCT FROM OLD.dup_place THEN
        NEW.dup_place := NULL;
      END IF;
      RETURN NEW;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION cases_clear_dup_text() RETURNS trigger LANGUAGE plpgsql AS $$
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
    DROP INDEX cases_dup_bands_idx;
    ALTER TABLE cases DROP COLUMN dup_bands;
  `.execute(db);
}
