import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/database.ts';

/**
 * A fresh, migrated database for one test file, cloned from the template
 * that `scripts/test.ts` prepared. Real PostgreSQL, no fakes.
 */
export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.MINSHENG_TEST_ADMIN_URL;
  const template = process.env.MINSHENG_TEST_TEMPLATE;
  if (!adminUrl || !template) throw new Error('Run tests with `npm test` (it prepares the database).');
  const name = `minsheng_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createDb(url, 5);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
