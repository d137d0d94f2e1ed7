import path from 'node:path';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';

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
  /** How SMS leave the system (docs/notifications.md). */
  sms: SmsConfig;
  /** Reverse proxies believed about the client's address (`TRUST_PROXY`, src/http/trust-proxy.ts); off by default. */
  trustProxy: TrustProxy;
  /** Most appeals one intake transaction takes together (`MINSHENG_INTAKE_BATCH`; 1 = a transaction per appeal). */
  intakeBatch: number;
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
    sms: smsConfigFrom(env, path.resolve(env.MINSHENG_DATA_DIR ?? 'data')),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    intakeBatch: Math.max(1, Math.floor(Number(env.MINSHENG_INTAKE_BATCH) || 64)),
  };
}

export interface SmsConfig {
  /** `log` (default) writes each message once to `logFile`; `http` (default when a URL is set) calls a gateway. */
  driver: 'log' | 'http';
  /** The log driver's file, or `-` for the process log. */
  logFile: string;
  /** The gateway URL template with `{phone}`, `{text}` and `{id}` placeholders (http driver). */
  url: string | undefined;
  method: 'GET' | 'POST';
  timeoutMs: number;
  /** Tries per message before it is marked `failed`. */
  maxAttempts: number;
}

/** @throws Error for an unknown driver, or the http driver without MINSHENG_SMS_URL (fail at start, not at the first SMS). */
export function smsConfigFrom(env: NodeJS.ProcessEnv, dataDir: string): SmsConfig {
  const url = env.MINSHENG_SMS_URL || undefined;
  const driver = env.MINSHENG_SMS_DRIVER || (url ? 'http' : 'log');
  if (driver !== 'log' && driver !== 'http') throw new Error(`MINSHENG_SMS_DRIVER must be log or http, not ${driver}`);
  if (driver === 'http' && !url) throw new Error('MINSHENG_SMS_DRIVER=http needs MINSHENG_SMS_URL');
  const method = (env.MINSHENG_SMS_METHOD || 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw new Error(`MINSHENG_SMS_METHOD must be GET or POST, not ${method}`);
  const logFile = env.MINSHENG_SMS_LOG || path.join(dataDir, 'sms.log');
  return {
    driver, url, method, logFile: logFile === '-' ? '-' : path.resolve(logFile),
    timeoutMs: Number(env.MINSHENG_SMS_TIMEOUT_MS ?? 10_000),
    maxAttempts: Number(env.MINSHENG_SMS_MAX_ATTEMPTS ?? 5),
  };
}
