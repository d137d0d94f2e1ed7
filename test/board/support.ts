import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { seedBoards } from '../../src/modules/board/board.seed.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree, TEST_PASSWORD, type OrgTree } from '../support/factories.ts';

/**
 * The board over real HTTP (`inject`) on a fresh database: the factory city
 * with its boards (secretary, mayor, ca-secretary, ca-head, cb-…, dept.zjj),
 * a temporary data directory for uploads, and a browser-like client that
 * keeps the form-token cookie, reads SMS codes from `sms_messages` and posts
 * plain forms (URL-encoded or multipart).
 */
export interface BoardTestApp {
  app: FastifyInstance;
  tdb: TestDatabase;
  org: OrgTree;
  dataDir: string;
  staff(username: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  browser(ip?: string, headers?: Record<string, string>): Browser;
  close(): Promise<void>;
}

export interface Browser {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Posts a form as a browser would: with the form token from the cookie. */
  post(url: string, fields: Record<string, string>, files?: FileField[], headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  token(): Promise<string>;
  /** Asks for a code for `phone` on `board` and reads it from the SMS outbox. */
  requestCode(board: string, phone: string): Promise<string>;
  /** The whole flow: a code, then the post. */
  write(board: string, fields: Partial<PostForm>, files?: FileField[]): Promise<LightMyRequestResponse>;
}

export interface PostForm {
  type: string;
  domain: string;
  region: string;
  title: string;
  content: string;
  name: string;
  phone: string;
  code: string;
  remark: string;
}

export interface FileField {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A real 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export const samplePost = (over: Partial<PostForm> = {}): PostForm => ({
  type: 'complaint', domain: 'construction', region: 'ca', title: '甲一村夜间施工噪音扰民',
  content: '甲一村东侧工地每晚十一点后仍在施工，噪音很大，影响休息。请尽快处理。', name: '陈建国',
  phone: '13800138000', code: '', remark: '', ...over,
});

export function multipart(fields: Record<string, string>, files: FileField[]): { payload: Buffer; contentType: string } {
  const boundary = `----minsheng${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`));
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function startBoardApp(): Promise<BoardTestApp> {
  const tdb = await freshDatabase();
  const org = await buildOrgTree(tdb.db);
  await seedBoards(tdb.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-board-'));
  const config = { ...loadConfig({}), caseNumberPrefix: 'TS', dataDir };
  const app = await buildApp({ db: tdb.db, config });
  const sessions = new Map<string, string>();

  async function staff(username: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    let cookie = sessions.get(username);
    if (!cookie) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
      cookie = `ms_session=${res.cookies.find((c) => c.name === 'ms_session')!.value}`;
      sessions.set(username, cookie);
    }
    return app.inject({ method, url, payload: body as object | undefined, headers: { cookie, ...headers } });
  }

  function browser(ip = '203.0.113.7', extra: Record<string, string> = {}): Browser {
    let csrf: string | undefined;
    const cookie = () => (csrf ? { cookie: `ms_csrf=${csrf}` } : {});
    const remember = (res: LightMyRequestResponse) => {
      const c = res.cookies.find((x) => x.name === 'ms_csrf');
      if (c) csrf = c.value;
      return res;
    };
    const b: Browser = {
      get: async (url, headers = {}) => remember(await app.inject({ method: 'GET', url, remoteAddress: ip, headers: { ...extra, ...cookie(), ...headers } })),
      async token() {
        if (!csrf) await b.get('/lookup');
        return csrf!;
      },
      async post(url, fields, files, headers = {}) {
        const form = { _csrf: await b.token(), ...fields };
        if (files) {
          const { payload, contentType } = multipart(form, files);
          return remember(await app.inject({ method: 'POST', url, remoteAddress: ip, payload, headers: { ...extra, ...cookie(), 'content-type': contentType, ...headers } }));
        }
        return remember(await app.inject({
          method: 'POST', url, remoteAddress: ip, payload: new URLSearchParams(form).toString(),
          headers: { ...extra, ...cookie(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        }));
      },
      async requestCode(board, phone) {
        const res = await b.post(`/board/${board}/code`, { phone });
        if (res.statusCode !== 200) throw new Error(`code for ${phone}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        const sms = await tdb.db.selectFrom('smsMessages').select('body').where('phone', '=', phone).where('purpose', '=', 'board_code')
          .orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
        return /验证码为(\d{6})/.exec(sms.body)![1];
      },
      async write(board, fields, files) {
        const post = samplePost(fields);
        const code = fields.code ?? (await b.requestCode(board, post.phone));
        return b.post(`/board/${board}/write`, { ...post, code }, files ?? []);
      },
    };
    return b;
  }

  return {
    app, tdb, org, dataDir, staff, browser,
    async close() {
      await app.close();
      await tdb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The visible text of a page (tags removed, entities decoded), for assertions on what a reader sees. */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
