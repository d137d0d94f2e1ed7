import { sql, type Kysely } from 'kysely';

/**
 * Frozen: Open311 GeoReport v2. API keys (only the SHA-256 of a key is kept),
 * their per-minute request counters (in the database, so every app process
 * shares one limit), and what an Open311 request carries beyond the case it
 * created: the key that sent it, its token, and the location and media exactly
 * as the client gave them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE api_keys (
      id                     serial PRIMARY KEY,
      name                   text NOT NULL,
      key_hash               text NOT NULL UNIQUE,
      prefix                 text NOT NULL UNIQUE,
      rate_limit_per_minute  integer NOT NULL DEFAULT 60 CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
      created_at             timestamptz NOT NULL DEFAULT now(),
      created_by             integer REFERENCES users(id),
      revoked_at             timestamptz,
      last_used_at           timestamptz
    );

    -- One row per key and minute; the request that makes count exceed the key's limit is refused.
    CREATE TABLE api_key_usage (
      api_key_id  integer NOT NULL REFERENCES api_keys(id),
      minute      timestamptz NOT NULL,
      count       integer NOT NULL,
      PRIMARY KEY (api_key_id, minute)
    );
    CREATE INDEX api_key_usage_minute_idx ON api_key_usage (minute);

    CREATE TABLE open311_requests (
      case_id         integer PRIMARY KEY REFERENCES cases(id),
      api_key_id      integer NOT NULL REFERENCES api_keys(id),
      token           text NOT NULL UNIQUE,
      category_id     integer NOT NULL REFERENCES categories(id),
      -- what the public GET shows: the description with personal data taken out at intake
      public_description text,
      address_string  text,
      address_id      text,
      lat             double precision,
      lng             double precision,
      media_url       text,
      -- the submitter's own identifiers: stored, never returned by any GET
      email           text,
      device_id       text,
      account_id      text,
      attributes      jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX open311_requests_category_idx ON open311_requests (category_id);
    CREATE INDEX open311_requests_key_idx ON open311_requests (api_key_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE open311_requests, api_key_usage, api_keys`.execute(db);
}
