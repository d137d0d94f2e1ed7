import { sql, type Kysely } from 'kysely';

/**
 * Frozen: classification and routing suggestions (docs/routing.md).
 *
 * - `classifier_models`: trained text classifiers, newest last per kind
 *   ('category' = the case category, 'unit' = the final lead unit), with the
 *   training facts and the serialised model (src/modules/classify/persistence.ts
 *   format, gzip). Processes load the newest one per kind and cache it by id.
 * - Inserting or deleting a model bumps `config_version`, so a process
 *   learns of a new model from the version it reads anyway.
 * - `auto_dispatches`: each automatic dispatch with the confidence, the
 *   threshold and the model behind it (the history entry, append-only, is
 *   the ordinary `dispatch` one, signed by the routing system account).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE classifier_models (
      id          serial PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('category', 'unit')),
      trained_at  timestamptz NOT NULL,
      samples     integer NOT NULL,
      labels      integer NOT NULL,
      metrics     jsonb NOT NULL DEFAULT '{}',
      model       bytea NOT NULL,
      size_bytes  integer NOT NULL,
      created_by  integer REFERENCES users(id)
    );
    CREATE INDEX classifier_models_kind_idx ON classifier_models (kind, id DESC);
    CREATE TRIGGER classifier_models_config_version AFTER INSERT OR DELETE OR TRUNCATE ON classifier_models
      FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

    CREATE TABLE auto_dispatches (
      id          serial PRIMARY KEY,
      case_id     integer NOT NULL REFERENCES cases(id),
      history_id  bigint,
      unit_id     integer NOT NULL REFERENCES units(id),
      confidence  double precision NOT NULL,
      threshold   double precision NOT NULL,
      model_id    integer,
      at          timestamptz NOT NULL
    );
    CREATE INDEX auto_dispatches_case_idx ON auto_dispatches (case_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE auto_dispatches, classifier_models`.execute(db);
}
