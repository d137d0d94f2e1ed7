import { sql, type Kysely } from 'kysely';

/**
 * Frozen: sensitive and urgent words checked at intake (docs/routing.md).
 *
 * - `intake_words`: the configurable lists. 'urgent' words raise a new
 *   case's urgency to their level; 'sensitive' words flag it for review.
 *   `normalized` is the word as matched (simplified, half-width, lower case,
 *   no spaces or punctuation), unique per list. Changes bump
 *   `config_version`, so intake's in-process copy is checked for free.
 * - `cases.review_flagged` and `cases.word_hits`: what the check found.
 * - A starting list of words.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE intake_words (
      id          serial PRIMARY KEY,
      list        text NOT NULL CHECK (list IN ('urgent', 'sensitive')),
      word        text NOT NULL,
      normalized  text NOT NULL CHECK (normalized <> ''),
      level       text CHECK ((list = 'urgent' AND level IN ('urgent', 'critical')) OR (list = 'sensitive' AND level IS NULL)),
      created_by  integer REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (list, normalized)
    );
    CREATE TRIGGER intake_words_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON intake_words
      FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

    ALTER TABLE cases ADD COLUMN review_flagged boolean NOT NULL DEFAULT false, ADD COLUMN word_hits jsonb;
    CREATE INDEX cases_review_flagged_idx ON cases (received_at DESC) WHERE review_flagged;

    INSERT INTO intake_words (list, word, normalized, level) VALUES
      ('urgent', '燃气泄漏', '燃气泄漏', 'critical'), ('urgent', '煤气泄漏', '煤气泄漏', 'critical'),
      ('urgent', '天然气泄漏', '天然气泄漏', 'critical'), ('urgent', '闻到煤气味', '闻到煤气味', 'critical'),
      ('urgent', '跳楼', '跳楼', 'critical'), ('urgent', '自杀', '自杀', 'critical'), ('urgent', '轻生', '轻生', 'critical'),
      ('urgent', '触电', '触电', 'critical'), ('urgent', '火灾', '火灾', 'critical'), ('urgent', '着火', '着火', 'critical'),
      ('urgent', '爆炸', '爆炸', 'critical'), ('urgent', '坍塌', '坍塌', 'critical'), ('urgent', '溺水', '溺水', 'critical'),
      ('urgent', '被困电梯', '被困电梯', 'urgent'), ('urgent', '电线裸露', '电线裸露', 'urgent'),
      ('urgent', '井盖丢失', '井盖丢失', 'urgent'), ('urgent', '爆管', '爆管', 'urgent'),
      ('sensitive', '群体性', '群体性', NULL), ('sensitive', '集体上访', '集体上访', NULL), ('sensitive', '媒体曝光', '媒体曝光', NULL),
      ('sensitive', '拉横幅', '拉横幅', NULL), ('sensitive', '静坐', '静坐', NULL),
      ('sensitive', '围堵政府', '围堵政府', NULL), ('sensitive', '同归于尽', '同归于尽', NULL),
      ('sensitive', '报复社会', '报复社会', NULL);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE intake_words;
    ALTER TABLE cases DROP COLUMN review_flagged, DROP COLUMN word_hits;
  `.execute(db);
}
