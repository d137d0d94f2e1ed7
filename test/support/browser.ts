import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { ensureWebBuild } from '../../src/http/web-build.ts';
import { freshDatabase, type TestDatabase } from './db.ts';
import { buildOrgTree, TEST_PASSWORD, type OrgTree } from './factories.ts';
import { after, before } from 'node:test';

/**
 * Browser tests: a real server on a free port with its own database and the
 * factory city, and Debian's Chromium driven by playwright-core. Screenshots
 * go to test-results/e2e/.
 */
export const chromiumPath = process.env.MINSHENG_CHROMIUM ?? '/usr/bin/chromium';
/** `false` when Chromium is there, else the reason the browser tests are skipped. */
export const skipBrowser: false | string = fs.existsSync(chromiumPath)
  ? false
  : `no Chromium at ${chromiumPath}: install Debian's chromium and fonts-wqy-microhei (.ci/run does) or set MINSHENG_CHROMIUM`;
export const root = path.resolve(import.meta.dirname, '../..');
export const shotsDir = path.join(root, 'test-results', 'e2e');

export interface WebServer {
  base: string;
  app: FastifyInstance;
  tdb: TestDatabase;
  org: OrgTree;
  /** Calls the API as a factory user (fetch with that user's session cookie). */
  api<T = any>(username: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startWebServer(): Promise<WebServer> {
  await ensureWebBuild({ log: () => {} });
  const tdb = await freshDatabase();
  const org = await buildOrgTree(tdb.db);
  const app = await buildApp({ db: tdb.db, config: { ...loadConfig({}), caseNumberPrefix: 'E2' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const cookies = new Map<string, string>();
  async function cookieOf(username: string) {
    let c = cookies.get(username);
    if (!c) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      c = (res.headers.get('set-cookie') ?? '').split(';')[0];
      cookies.set(username, c);
    }
    return c;
  }
  return {
    base, app, tdb, org,
    async api(username, method, url, body) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { cookie: await cookieOf(username), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // playwright-core gives every launch a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser context (its own cookies) at a laptop's screen size, in Simplified Chinese unless told. */
export async function newUserPage(browser: Browser, lang: 'zh-Hans' | 'zh-Hant' | 'en' = 'zh-Hans'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'en' ? 'en-GB' : 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // The first page of the context starts in `lang`; the switcher's choice is kept after that.
  await context.addInitScript(`if (!localStorage.getItem('ms.lang')) localStorage.setItem('ms.lang', ${JSON.stringify(lang)})`);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function login(page: Page, base: string, username: string) {
  await page.goto(`${base}/app/login`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** A fresh page (its own cookies, see newUserPage) logged in as `username`. */
export async function loginPage(browser: Browser, base: string, username: string, lang: 'zh-Hans' | 'zh-Hant' | 'en' = 'zh-Hans'): Promise<Page> {
  const { page } = await newUserPage(browser, lang);
  await login(page, base, username);
  return page;
}

/**
 * One app server (on its own fresh database) and one Chromium for the
 * enclosing describe block: started by a `before` hook registered here —
 * so it runs before the file's own — and closed after the block.
 */
export function browserSuite(): { server: WebServer; browser: Browser } {
  const suite = {} as { server: WebServer; browser: Browser };
  before(async () => {
    [suite.server, suite.browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: /退出登录|退出登錄|Log out/ }).click();
  await page.getByTestId('login-submit').waitFor();
}

/** The count a home-page queue shows, once loaded. */
export async function queueCount(page: Page, id: string): Promise<number> {
  const card = page.getByTestId(`queue-${id}`);
  await page.waitForFunction(`document.querySelector('[data-testid=queue-${id}]')?.getAttribute('data-count') > ''`);
  return Number(await card.getAttribute('data-count'));
}

/** Saves a screenshot of the page as test-results/e2e/<name>.png. */
export async function shot(page: Page, name: string) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

export function tmpDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
