import { sql, type Kysely } from 'kysely';

/**
 * Frozen: the public Leader Message Board (领导留言板). Boards per leader and
 * department; posts checked before publishing (先审后发) with the original
 * text kept apart from the published one; SMS verification codes (hashed);
 * banned words; citizens' marks; and a small event table that posting,
 * code and lookup limits count in (so every app process agrees).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE boards (
      id        serial PRIMARY KEY,
      key       text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9._-]{0,59}$' AND key NOT IN ('posts','images','assets')),
      title_zh  text NOT NULL,
      title_en  text NOT NULL,
      unit_id   integer NOT NULL REFERENCES units(id),
      kind      text NOT NULL CHECK (kind IN ('leader','department')),
      active    boolean NOT NULL DEFAULT true,
      sort      integer NOT NULL DEFAULT 0
    );

    CREATE TABLE board_posts (
      id                 serial PRIMARY KEY,
      board_id           integer NOT NULL REFERENCES boards(id),
      case_id            integer NOT NULL UNIQUE REFERENCES cases(id),
      domain             text NOT NULL,
      display_name       text NOT NULL,
      original_title     text NOT NULL,
      original_content   text NOT NULL,
      hidden_remark      text,
      published_title    text,
      published_content  text,
      hide_images        boolean NOT NULL DEFAULT false,
      status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','published','rejected')),
      reject_reason      text,
      ip_hash            text NOT NULL,
      submitted_at       timestamptz NOT NULL,
      moderated_by       integer REFERENCES users(id),
      moderated_at       timestamptz,
      published_at       timestamptz,
      CHECK (status <> 'published' OR (published_title IS NOT NULL AND published_content IS NOT NULL))
    );
    CREATE INDEX board_posts_board_idx ON board_posts (board_id, status, id DESC);
    CREATE INDEX board_posts_status_idx ON board_posts (status, id);
    CREATE INDEX board_posts_ip_idx ON board_posts (ip_hash, submitted_at);

    CREATE TABLE board_post_images (
      attachment_id  integer PRIMARY KEY REFERENCES attachments(id),
      post_id        integer NOT NULL REFERENCES board_posts(id),
      storage_name   text NOT NULL UNIQUE,
      position       smallint NOT NULL
    );
    CREATE INDEX board_post_images_post_idx ON board_post_images (post_id, position);

    CREATE TABLE board_sms_codes (
      id           bigserial PRIMARY KEY,
      phone_hash   text NOT NULL,
      code_hash    text NOT NULL,
      created_at   timestamptz NOT NULL,
      expires_at   timestamptz NOT NULL,
      attempts     integer NOT NULL DEFAULT 0,
      consumed_at  timestamptz,
      ip_hash      text NOT NULL
    );
    CREATE INDEX board_sms_codes_phone_idx ON board_sms_codes (phone_hash, id DESC);
    CREATE INDEX board_sms_codes_ip_idx ON board_sms_codes (ip_hash, created_at);

    CREATE TABLE board_banned_words (
      id          serial PRIMARY KEY,
      word        text NOT NULL UNIQUE,
      created_by  integer REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE board_ratings (
      case_id     integer PRIMARY KEY REFERENCES cases(id),
      resolution  smallint NOT NULL CHECK (resolution BETWEEN 1 AND 5),
      attitude    smallint NOT NULL CHECK (attitude BETWEEN 1 AND 5),
      speed       smallint NOT NULL CHECK (speed BETWEEN 1 AND 5),
      comment     text,
      rated_at    timestamptz NOT NULL
    );

    CREATE TABLE board_throttle (
      id        bigserial PRIMARY KEY,
      kind      text NOT NULL,
      key_hash  text NOT NULL,
      at        timestamptz NOT NULL
    );
    CREATE INDEX board_throttle_key_idx ON board_throttle (kind, key_hash, at);
    CREATE INDEX board_throttle_at_idx ON board_throttle (at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE board_throttle, board_ratings, board_banned_words, board_sms_codes,
      board_post_images, board_posts, boards
  `.execute(db);
}
