import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

// int8 (counts, bigserial ids) parsed as JS numbers everywhere: our ids and
// counts stay far below 2^53, and one representation avoids string/number bugs.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// numeric stays exact as text, except where a repository converts it on purpose.

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Anything that can run a query: the pool or a transaction. */
export type Queryable = Db | Trx;

export function createDb(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'minsheng' });
  // An idle connection that the server ends (PostgreSQL shutting down, restarting,
  // pg_terminate_backend) is an 'error' event on the pool: unhandled, it crashes
  // the process. The pool drops that client and opens a new one when next needed.
  pool.on('error', () => {});
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
}
