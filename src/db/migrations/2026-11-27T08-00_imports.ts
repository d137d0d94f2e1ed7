import { sql, type Kysely } from 'kysely';

/**
 * Frozen: bulk imports of appeals. Each run (dry or real) is one `imports`
 * row with its counts; its row problems are `import_problems`; every case an
 * import created is keyed by (source, external id) in `import_keys`, which is
 * what makes a second run of the same file create nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      id                      serial PRIMARY KEY,
      source                  text NOT NULL,
      file_name               text NOT NULL,
      format                  text NOT NULL CHECK (format IN ('csv','xlsx')),
      encoding                text,
      preset                  text,
      mapping                 jsonb NOT NULL,
      dry_run                 boolean NOT NULL,
      status                  text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed')),
      started_by              integer NOT NULL REFERENCES users(id),
      started_at              timestamptz NOT NULL,
      finished_at             timestamptz,
      row_count               integer NOT NULL DEFAULT 0,
      -- cases created; in a dry run, the rows that would be imported
      imported_count          integer NOT NULL DEFAULT 0,
      skipped_existing_count  integer NOT NULL DEFAULT 0,
      invalid_count           integer NOT NULL DEFAULT 0,
      problem_count           integer NOT NULL DEFAULT 0,
      error                   text,
      CHECK ((status = 'running') = (finished_at IS NULL))
    );
    CREATE INDEX imports_started_idx ON imports (started_at DESC, id DESC);

    CREATE TABLE import_problems (
      id           bigserial PRIMARY KEY,
      import_id    integer NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      row_number   integer NOT NULL,
      column_name  text,
      field        text,
      code         text NOT NULL,
      severity     text NOT NULL CHECK (severity IN ('error','warning')),
      params       jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX import_problems_import_idx ON import_problems (import_id, row_number, id);

    CREATE TABLE import_keys (
      source       text NOT NULL,
      external_id  text NOT NULL,
      case_id      integer NOT NULL REFERENCES cases(id),
      import_id    integer NOT NULL REFERENCES imports(id),
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, external_id)
    );
    CREATE INDEX import_keys_case_idx ON import_keys (case_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE import_keys, import_problems, imports`.execute(db);
}
