import { sql, type Kysely } from 'kysely';

/**
 * Frozen: bulletins (定期通报). One row per published monthly or quarterly
 * bulletin of a unit subtree: the figures as a JSON snapshot and the XLSX
 * made from them, so a bulletin never changes after it is published. The
 * unique key makes the schedule idempotent.
 *
 * And the open-data key (`open_data_key`): one random secret per
 * installation from which the open-data export derives each case's stable
 * pseudonymous id (HMAC of the case number), so published rows cannot be
 * joined to case numbers without it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE bulletins (
      id            serial PRIMARY KEY,
      kind          text NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
      period        text NOT NULL,
      unit_id       integer NOT NULL REFERENCES units(id),
      generated_at  timestamptz NOT NULL DEFAULT now(),
      generated_by  integer REFERENCES users(id),
      data          jsonb NOT NULL,
      xlsx          bytea NOT NULL,
      UNIQUE (kind, period, unit_id)
    );
    CREATE INDEX bulletins_period_idx ON bulletins (period DESC, id DESC);

    CREATE TABLE open_data_key (
      id      boolean PRIMARY KEY DEFAULT true CHECK (id),
      secret  text NOT NULL
    );
    INSERT INTO open_data_key (secret)
      VALUES (md5(random()::text || clock_timestamp()::text) || md5(random()::text || txid_current()::text));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE open_data_key; DROP TABLE bulletins`.execute(db);
}
