import { sql, type Kysely } from 'kysely';

/**
 * Frozen: the hotline desk. A phone key for caller lookup across formats,
 * the knowledge base (知识库) with its app-maintained search vector, the
 * record of which entry answered which case, call records (话务记录), their
 * links to cases, and call-back tasks for missed calls.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- The comparable form of a Chinese phone number: digits only, country code
    -- 86 (+86, 0086, or 86 before an 11-digit mobile) removed, the trunk 0 put
    -- back on landlines ('+86 359 1234567' = '0359-1234567' = '03591234567').
    -- src/modules/hotline/phone.ts holds the same rule; a test keeps them equal.
    CREATE FUNCTION ms_phone_key(phone text) RETURNS text
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
      digits text := regexp_replace(phone, '[^0-9]', '', 'g');
      national text;
    BEGIN
      IF digits LIKE '0086%' THEN national := substr(digits, 5);
      ELSIF left(btrim(phone), 1) = '+' AND digits LIKE '86%' THEN national := substr(digits, 3);
      ELSIF length(digits) = 13 AND digits LIKE '861%' THEN national := substr(digits, 3);
      ELSE RETURN nullif(digits, '');
      END IF;
      IF national = '' THEN RETURN NULL; END IF;
      IF national LIKE '1%' OR national LIKE '0%' THEN RETURN national; END IF;
      RETURN '0' || national;
    END
    $fn$;
    CREATE INDEX cases_phone_key_idx ON cases (ms_phone_key(citizen_phone));

    CREATE TABLE knowledge_entries (
      id           serial PRIMARY KEY,
      category_id  integer REFERENCES categories(id),
      question     text NOT NULL,
      answer       text NOT NULL,
      keywords     text[] NOT NULL DEFAULT '{}',
      valid_from   date NOT NULL,
      valid_to     date,
      active       boolean NOT NULL DEFAULT true,
      -- Written by the application (jieba words of the simplified text, weighted), never by a trigger.
      search_text  tsvector NOT NULL,
      use_count    integer NOT NULL DEFAULT 0,
      version      integer NOT NULL DEFAULT 1,
      created_by   integer REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_by   integer REFERENCES users(id),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_to IS NULL OR valid_to >= valid_from)
    );
    CREATE INDEX knowledge_entries_search_idx ON knowledge_entries USING gin (search_text);
    CREATE INDEX knowledge_entries_category_idx ON knowledge_entries (category_id);

    CREATE TABLE case_knowledge_uses (
      id            serial PRIMARY KEY,
      case_id       integer NOT NULL REFERENCES cases(id),
      knowledge_id  integer NOT NULL REFERENCES knowledge_entries(id),
      at            timestamptz NOT NULL,
      user_id       integer REFERENCES users(id)
    );
    CREATE INDEX case_knowledge_uses_case_idx ON case_knowledge_uses (case_id);
    CREATE INDEX case_knowledge_uses_knowledge_idx ON case_knowledge_uses (knowledge_id, at);

    CREATE TABLE hotline_calls (
      call_id        text PRIMARY KEY,
      caller_phone   text,
      offered_at     timestamptz NOT NULL,
      answered_at    timestamptz,
      ended_at       timestamptz,
      agent_user_id  integer REFERENCES users(id),
      outcome        text NOT NULL CHECK (outcome IN ('answered','abandoned','called_back')),
      recorded_by    integer REFERENCES users(id),
      created_at     timestamptz NOT NULL DEFAULT now(),
      updated_at     timestamptz NOT NULL DEFAULT now(),
      CHECK ((outcome = 'answered') = (answered_at IS NOT NULL)),
      CHECK (answered_at IS NULL OR answered_at >= offered_at),
      CHECK (ended_at IS NULL OR ended_at >= coalesce(answered_at, offered_at))
    );
    CREATE INDEX hotline_calls_offered_idx ON hotline_calls (offered_at);
    CREATE INDEX hotline_calls_caller_idx ON hotline_calls (caller_phone);

    -- A call may lead to several cases and a case may be linked before its
    -- call record arrives: no foreign key to hotline_calls on purpose.
    CREATE TABLE hotline_call_cases (
      call_id    text NOT NULL,
      case_id    integer NOT NULL REFERENCES cases(id),
      linked_at  timestamptz NOT NULL,
      linked_by  integer REFERENCES users(id),
      PRIMARY KEY (call_id, case_id)
    );
    CREATE INDEX hotline_call_cases_case_idx ON hotline_call_cases (case_id);

    CREATE TABLE callback_tasks (
      id            serial PRIMARY KEY,
      call_id       text NOT NULL UNIQUE REFERENCES hotline_calls(call_id),
      phone         text NOT NULL,
      created_at    timestamptz NOT NULL,
      due_at        timestamptz NOT NULL,
      status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
      done_by       integer REFERENCES users(id),
      done_at       timestamptz,
      outcome_note  text,
      case_id       integer REFERENCES cases(id),
      CHECK ((status = 'done') = (done_at IS NOT NULL))
    );
    CREATE INDEX callback_tasks_open_idx ON callback_tasks (due_at) WHERE status = 'open';
    CREATE INDEX callback_tasks_phone_idx ON callback_tasks (phone) WHERE status = 'open';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE callback_tasks, hotline_call_cases, hotline_calls, case_knowledge_uses, knowledge_entries;
    DROP INDEX cases_phone_key_idx;
    DROP FUNCTION ms_phone_key(text);
  `.execute(db);
}
