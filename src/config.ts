import path from 'node:path';

/** Runtime settings, all from the environment so that every process of a city reads the same. */
export interface Config {
  port: number;
  host: string;
  /** Where the embedded PostgreSQL cluster, uploads and the process lock live. */
  dataDir: string;
  /** External PostgreSQL; when unset the embedded server is used. */
  databaseUrl: string | undefined;
  /** Prefix of readable case numbers, e.g. `AL` gives `AL2026-000123`. */
  caseNumberPrefix: string;
  logLevel: string;
  /** Seconds a login session stays valid without use. */
  sessionTtlSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.MINSHENG_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    caseNumberPrefix: env.MINSHENG_CASE_PREFIX ?? 'AL',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionTtlSeconds: Number(env.MINSHENG_SESSION_TTL ?? 8 * 3600),
  };
}
