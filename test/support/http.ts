import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { buildOrgTree, TEST_PASSWORD, type OrgTree } from './factories.ts';
import { freshDatabase, type TestDatabase } from './db.ts';

/**
 * A real app on a fresh real database, driven through HTTP (`inject`), with
 * helpers to log in as the factory users and act on cases.
 */
export interface TestApp {
  app: FastifyInstance;
  tdb: TestDatabase;
  org: OrgTree;
  cookieOf(username: string): Promise<string>;
  call(username: string | null, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** POST /api/cases/:id/<action> with the case's current version unless given. */
  act(username: string, caseId: number, action: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const tdb = await freshDatabase();
  const org = await buildOrgTree(tdb.db);
  const config = { ...loadConfig({}), caseNumberPrefix: 'TS' };
  const app = await buildApp({ db: tdb.db, config });
  const cookies = new Map<string, string>();

  async function cookieOf(username: string) {
    const cached = cookies.get(username);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'ms_session');
    if (!c) throw new Error('no session cookie');
    const cookie = `ms_session=${c.value}`;
    cookies.set(username, cookie);
    return cookie;
  }

  async function call(username: string | null, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const cookie = username ? await cookieOf(username) : undefined;
    return app.inject({ method, url, payload: body as object | undefined, headers: { ...(cookie ? { cookie } : {}), ...headers } });
  }

  async function act(username: string, caseId: number, action: string, body: Record<string, unknown> = {}) {
    let version = body.version;
    if (version === undefined) {
      const row = await tdb.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirst();
      version = row?.version ?? 1;
    }
    return call(username, 'POST', `/api/cases/${caseId}/${action}`, { ...body, version });
  }

  return {
    app, tdb, org, cookieOf, call, act,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}
