import type { Config } from '../config.ts';
import { createDb, type Db } from './database.ts';
import { openEmbedded, type LockInfo } from './embedded.ts';

export interface OpenDatabase {
  db: Db;
  url: string;
  /** Where the data lives, for the start-up banner. */
  location: string;
  close(): Promise<void>;
}

/**
 * The database of this installation: the external server in DATABASE_URL, or
 * the embedded one under the data directory (started, or attached to when a
 * live Minsheng process already runs it).
 */
export async function openDatabase(config: Config, role: LockInfo['role'], log: (m: string) => void = () => {}): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl);
    const u = new URL(config.databaseUrl);
    return { db, url: config.databaseUrl, location: `external PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`, close: () => db.destroy() };
  }
  const embedded = await openEmbedded(config.dataDir, role, log);
  const url = embedded.url();
  const db = createDb(url);
  return {
    db,
    url,
    location: `embedded PostgreSQL, data in ${config.dataDir}${embedded.ownedByThisProcess ? '' : ' (attached to the running server)'}`,
    async close() {
      await db.destroy();
      await embedded.stop();
    },
  };
}
