import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSuite, login, loginPage, shot, skipBrowser, type WebServer } from '../support/browser.ts';

/**
 * The administration screens in Chromium: an administrator creates a unit, a
 * user in it, a category, a calendar override and a banned word through the
 * UI, and each is there through the API; forms check their input first and
 * show the server's refusal; a non-administrator sees no administration and
 * is refused at its address.
 */
describe('the administration screens', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const year = new Date().getFullYear();

  before(async () => {
    ({ server, browser } = suite);
  });

  async function as(username: string) {
    await page?.context().close();
    page = await loginPage(browser, server.base, username);
  }
  /** Chooses an option of an Ant Design select (by its label) by typing and pressing Enter. */
  const field = (form: string, label: string) => page.getByTestId(form).getByLabel(label, { exact: true });
  async function choose(form: string, label: string, text: string) {
    await field(form, label).click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-item-option-active, .ant-select-tree-treenode-active >> visible=true').first().waitFor();
    await page.keyboard.press('Enter');
  }
  /**
   * Clicks "系统管理" in the header. When the header is too narrow for every
   * entry, Ant Design folds the last ones into a "…" menu: open it first.
   */
  async function openAdminFromNav() {
    const link = page.locator('header [data-testid=nav-admin]').first();
    await link.waitFor({ state: 'attached' });
    await page.evaluate('document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))');
    const folded = await link.evaluate((e) => e.closest('li')?.getAttribute('aria-hidden') === 'true');
    if (folded) {
      await page.locator('header .ant-menu-overflow-item-rest').hover();
      await page.locator('.ant-menu-submenu-popup [data-testid=nav-admin]').click();
    } else {
      await link.click();
    }
  }
  /** The screenshots kept in docs/ show the page, not the passing "已保存" toasts. */
  const hideToasts = () => page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  const dialogClosed = (testId: string) => page.getByTestId(testId).waitFor({ state: 'detached' });

  it('an administrator opens the area from the navigation; its sections are reachable by keyboard with a visible focus', async () => {
    await as('admin');
    await openAdminFromNav();
    await page.getByRole('heading', { level: 1, name: '系统管理' }).waitFor();
    assert.match(page.url(), /\/app\/admin\/units$/);
    await page.getByTestId('unit-city').waitFor();
    let focused = '';
    for (let i = 0; i < 30 && focused !== 'admin-nav-users'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate('document.activeElement?.getAttribute("data-testid") || ""') as string;
    }
    assert.equal(focused, 'admin-nav-users', 'Tab reaches the section links');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    assert.notEqual(outline, 'none', 'the focused link shows where the focus is');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: '用户与角色' }).waitFor();
  });

  it('creates a unit in the tree; an empty form is refused before sending', async () => {
    await page.getByTestId('admin-nav-units').click();
    await page.getByTestId('unit-city').waitFor();
    const before = (await server.api('admin', 'GET', '/api/units?includeInactive=true')).body.length;
    await page.getByTestId('unit-create').click();
    await page.getByTestId('unit-form-ok').click();
    await page.getByTestId('unit-form').getByText('必填').first().waitFor();
    assert.equal((await server.api('admin', 'GET', '/api/units?includeInactive=true')).body.length, before, 'nothing was sent');

    await choose('unit-form', '上级单位', '甲县');
    await field('unit-form', '单位名称').fill('甲三镇');
    await field('unit-form', '单位编码').fill('ca.t3');
    await page.getByTestId('unit-form-ok').click();
    await dialogClosed('unit-form');
    await page.getByTestId('unit-ca.t3').click();
    await page.getByTestId('unit-detail').getByText('甲县', { exact: true }).waitFor();
    const units = (await server.api('admin', 'GET', '/api/units')).body as Array<{ key: string; name: string; parentId: number; level: number }>;
    const made = units.find((u) => u.key === 'ca.t3');
    assert.equal(made?.name, '甲三镇');
    assert.equal(made?.parentId, server.org.units['ca']);
    assert.equal(made?.level, 3);
    await page.getByTestId('unit-detail').getByText('甲三镇 ← 甲县').waitFor(); // its history
    await hideToasts();
    await shot(page, '30-admin-units');
  });

  it('creates a user in the new unit; the server’s refusal of a taken name is shown in the form', async () => {
    await page.getByTestId('admin-nav-users').click();
    await page.getByTestId('user-create').click();
    await field('user-form', '用户名').fill('op');
    await field('user-form', '姓名').fill('王五');
    await choose('user-form', '所属单位', '甲三镇');
    await choose('user-form', '角色', '承办人');
    await field('user-form', '初始密码').fill('short');
    await page.getByTestId('user-form-ok').click();
    await page.getByText('密码至少 8 位').waitFor();
    await field('user-form', '初始密码').fill('wang-wu-2026');
    await page.getByTestId('user-form-ok').click();
    const alert = page.getByTestId('user-form').locator('..').getByTestId('error');
    await alert.getByText('用户名 op 已存在').waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    await field('user-form', '用户名').fill('ca.t3.h');
    await page.getByTestId('user-form-ok').click();
    await dialogClosed('user-form');
    await page.getByTestId('user-search').fill('ca.t3');
    await page.getByRole('cell', { name: '王五' }).waitFor();
    const users = (await server.api('admin', 'GET', '/api/users')).body as Array<{ username: string; unitName: string; roles: string[] }>;
    const made = users.find((u) => u.username === 'ca.t3.h');
    assert.equal(made?.unitName, '甲三镇');
    assert.deepEqual(made?.roles, ['handler']);
    const loginRes = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ca.t3.h', password: 'wang-wu-2026' }) });
    assert.equal(loginRes.status, 200, 'the new user can log in');
    await page.getByTestId('user-search').fill('');
    await shot(page, '31-admin-users');
    // The account's history says who created it, with what unit and roles.
    await page.getByTestId('user-search').fill('ca.t3');
    await page.getByRole('button', { name: '变更记录 ca.t3.h' }).click();
    const history = page.getByTestId('user-history');
    await history.getByText('创建账号').waitFor();
    const text = await history.innerText();
    assert.match(text, /甲三镇/);
    assert.match(text, /承办人/);
    assert.match(text, /操作人：/);
    await page.getByTestId('user-history-close').click();
    await history.waitFor({ state: 'hidden' });
    await page.getByTestId('user-search').fill('');
  });

  it('creates a category and deactivates it', async () => {
    await page.getByTestId('admin-nav-categories').click();
    await page.getByTestId('category-create-top').click();
    await field('category-form', '分类名称').fill('界面测试分类');
    await page.getByTestId('category-form-ok').click();
    await dialogClosed('category-form');
    await page.getByTestId('category-tree').getByText('界面测试分类').click();
    const cats = (await server.api('ca.h', 'GET', '/api/categories')).body as Array<{ name: string; level: number; parentId: number | null }>;
    assert.deepEqual(cats.filter((c) => c.name === '界面测试分类').map((c) => [c.level, c.parentId]), [[1, null]]);
    await shot(page, '32-admin-categories');
    // Deactivated, not deleted: gone from the forms' list, still there for administrators.
    await page.getByRole('button', { name: '停 用' }).click();
    await page.getByTestId('category-tree').getByText('已停用').waitFor();
    const all = (await server.api('admin', 'GET', '/api/categories?includeInactive=true')).body as Array<{ name: string; active: boolean }>;
    assert.deepEqual(all.filter((c) => c.name === '界面测试分类').map((c) => c.active), [false]);
    const forForms = (await server.api('ca.h', 'GET', '/api/categories')).body as Array<{ name: string }>;
    assert.ok(!forForms.some((c) => c.name === '界面测试分类'));
  });

  it('shows the time-limit table with its preview', async () => {
    await page.getByTestId('admin-nav-time-limits').click();
    await page.getByTestId('tl-preview').click();
    await page.getByTestId('tl-preview-result').waitFor();
    await shot(page, '33-admin-time-limits');
  });

  it('adds a calendar override: a working day becomes a day off in the year calendar and through the API', async () => {
    await page.getByTestId('admin-nav-calendar').click();
    // The first Tuesday of March: an ordinary working day (no public holidays in March), in the first screenful.
    const first = new Date(Date.UTC(year, 2, 1));
    while (first.getUTCDay() !== 2) first.setUTCDate(first.getUTCDate() + 1);
    const date = first.toISOString().slice(0, 10);
    assert.equal((await server.api('admin', 'GET', `/api/calendar/days?from=${date}&to=${date}`)).body[0].workday, true);
    await page.locator(`[data-date="${date}"]`).waitFor();
    await page.getByTestId('cal-add').click();
    await field('cal-form', '日期').fill(`${year}-02-30`);
    await page.getByTestId('cal-form-ok').click();
    await page.getByText('请输入有效日期，格式 YYYY-MM-DD').waitFor();
    await field('cal-form', '日期').fill(date);
    await field('cal-form', '名称').fill('界面测试休息日');
    await page.getByTestId('cal-form-ok').click();
    await dialogClosed('cal-form');
    await page.getByTestId('cal-overrides').getByText('界面测试休息日').waitFor();
    await page.locator(`[data-date="${date}"].cal-override-off`).waitFor();
    const overrides = (await server.api('admin', 'GET', `/api/calendar/overrides?year=${year}`)).body as Array<{ date: string; kind: string; name: string }>;
    assert.deepEqual(overrides.map((o) => [o.date, o.kind, o.name]), [[date, 'holiday', '界面测试休息日']]);
    const day = (await server.api('admin', 'GET', `/api/calendar/days?from=${date}&to=${date}`)).body[0];
    assert.equal(day.workday, false);
    await hideToasts();
    await shot(page, '34-admin-calendar');
  });

  it('adds a banned word', async () => {
    await page.getByTestId('admin-nav-banned-words').click();
    await page.getByLabel('违禁词', { exact: true }).fill('界面违禁词');
    await page.getByTestId('bw-add').click();
    await page.getByTestId('bw-table').getByText('界面违禁词').waitFor();
    const words = (await server.api('admin', 'GET', '/api/board/banned-words')).body.items as Array<{ word: string }>;
    assert.ok(words.some((w) => w.word === '界面违禁词'));
    await shot(page, '36-admin-banned-words');
  });

  it('makes an API key and shows it once; lists the knowledge base', async () => {
    await page.getByTestId('admin-nav-api-keys').click();
    await page.getByTestId('key-create').click();
    await field('key-form', '名称').fill('界面测试客户端');
    await page.getByTestId('key-form-ok').click();
    const secret = (await page.getByTestId('key-secret').innerText()).trim();
    const keys = (await server.api('admin', 'GET', '/api/api-keys')).body as Array<{ name: string; prefix: string }>;
    const made = keys.find((k) => k.name === '界面测试客户端');
    assert.ok(made && secret.startsWith(made.prefix), 'the shown key is the one made');
    await shot(page, '37-admin-api-keys');
    await page.reload();
    await page.getByText('界面测试客户端').waitFor();
    assert.equal(await page.getByTestId('key-secret').count(), 0, 'not shown again');

    await page.getByTestId('admin-nav-knowledge').click();
    await page.getByTestId('kb-create').waitFor();
    await shot(page, '35-admin-knowledge');
  });

  it('a non-administrator sees no administration and is refused at its address (and by the API)', async () => {
    await as('op');
    await page.locator('header .ant-menu').waitFor();
    assert.equal(await page.locator('[data-testid=nav-admin]').count(), 0, 'no administration entry, not even folded away');
    await page.goto(`${server.base}/app/admin/users`);
    await page.getByTestId('admin-refused').getByText('无权访问系统管理').waitFor();
    assert.equal(await page.getByTestId('user-create').count(), 0);
    await shot(page, '38-admin-refused');
    const refused = await server.api('op', 'GET', '/api/users');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'FORBIDDEN');
  });
});
