import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/factories.ts';
import { retrain } from '../routing/fixture.ts';
import { browserSuite, login, loginPage, shot, skipBrowser, type WebServer } from '../support/browser.ts';

/**
 * The notification bell in the header, and the administration screens for
 * the intake word lists and the routing settings, in Chromium against a
 * real server and database.
 */
describe('notifications, intake words and routing settings in the browser', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ server, browser } = suite);
  });

  async function as(username: string) {
    await page?.context().close();
    page = await loginPage(browser, server.base, username);
  }
  const newCase = async (title: string, content: string) => {
    const res = await server.api('op', 'POST', '/api/cases', { channel: 'web', type: 'help', title, content, register: true });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: number; number: string; urgency: string };
  };
  /** PUT as a factory user (the support helper speaks GET and POST). */
  const put = async (username: string, url: string, body: unknown) => {
    const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const res = await fetch(`${server.base}${url}`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() as { error: { message: string } } };
  };
  /** The unread count the bell shows, once it has answered. */
  const bellCount = async () => {
    await page.waitForFunction(`document.querySelector('[data-testid=notif-bell]')?.getAttribute('data-count') > ''`);
    return Number(await page.getByTestId('notif-bell').getAttribute('data-count'));
  };
  const waitForBell = (n: number) => page.waitForFunction(`document.querySelector('[data-testid=notif-bell]')?.getAttribute('data-count') === '${n}'`);

  it('a dispatcher sees the unread count, opens the list, follows one to its case, and the count drops', async () => {
    const c = await newCase('东门菜市场噪音扰民', '东门菜市场凌晨卸货噪音很大。');
    const disp = server.org.users.disp;
    // Two unread notifications for the dispatcher (one about the case), one for someone else.
    await server.tdb.db.insertInto('notifications').values([
      { userId: disp, caseId: c.id, kind: 'case.requestExtension', title: '延期申请', body: `${c.number} 申请延期 5 个工作日`, outboxId: 900_001 },
      { userId: disp, caseId: null, kind: 'hottopic.surge', title: '热点预警', body: '噪音类诉求快速升温', outboxId: 900_002 },
      { userId: server.org.users.op, caseId: c.id, kind: 'case.dispatch', title: '别人的消息', body: '不应出现', outboxId: 900_003 },
    ]).execute();

    await as('disp');
    assert.equal(await bellCount(), 2);
    const bell = page.getByTestId('notif-bell');
    assert.equal(await bell.getAttribute('aria-label'), '消息通知，2 条未读', 'the icon-only button says what it is and the count');
    await bell.click();
    const list = page.getByTestId('notif-list');
    await list.waitFor();
    assert.equal(await list.getByTestId('notif-item').count(), 2, 'only the user’s own notifications');
    assert.equal(await list.getByText('别人的消息').count(), 0);
    await list.getByText(`${c.number} 申请延期 5 个工作日`).waitFor();
    await shot(page, 'notifications-open');

    await list.getByTestId('notif-item').filter({ hasText: '延期申请' }).click();
    await page.waitForURL(`**/app/cases/${c.id}`);
    await page.getByText(c.number).first().waitFor();
    await waitForBell(1);
    assert.equal(await bell.getAttribute('aria-label'), '消息通知，1 条未读');
    const stored = await server.api('disp', 'GET', '/api/notifications?unread=true');
    assert.deepEqual(stored.body.items.map((n: { title: string }) => n.title), ['热点预警'], 'the opened one is read on the server');

    await bell.click();
    await page.getByTestId('notif-read-all').click();
    await waitForBell(0);
    assert.equal((await server.api('disp', 'GET', '/api/notifications')).body.unread, 0);
    assert.equal((await server.api('op', 'GET', '/api/notifications')).body.unread, 1, 'another user’s notifications are untouched');
  });

  it('an administrator adds an urgent word on the word-list screen and a new appeal with it comes out urgent; removing it stops that', async () => {
    await as('admin');
    await page.goto(`${server.base}/app/admin/intake-words`);
    await page.getByTestId('iw-table').waitFor();
    const listed = async () => (await server.api('admin', 'GET', '/api/intake-words')).body.items as Array<{ list: string; word: string; level: string | null }>;
    const before = (await listed()).length;
    // The form checks first: an empty word is not sent.
    await page.getByTestId('iw-add').click();
    await page.getByText('必填').first().waitFor();
    assert.equal((await listed()).length, before);

    // Written in traditional characters; the appeal below is in simplified ones.
    await page.getByTestId('iw-word').fill('化糞池滿溢');
    await page.locator('.ant-select', { has: page.getByLabel('紧急程度', { exact: true }) }).click();
    await page.locator('.ant-select-item-option[title="特急"]').click();
    await page.getByTestId('iw-add').click();
    await page.getByTestId('iw-table').getByText('化糞池滿溢').waitFor();
    assert.deepEqual((await listed()).filter((w) => w.word === '化糞池滿溢').map((w) => [w.list, w.level]), [['urgent', 'critical']]);
    assert.equal((await listed()).length, before + 1);

    // A word already listed (天然气泄漏 comes with the system) is refused with the server's message.
    await page.getByTestId('iw-word').fill('天然氣洩漏');
    await page.getByTestId('iw-add').click();
    await page.getByRole('alert').filter({ hasText: '已在列表中' }).waitFor();
    assert.equal((await listed()).length, before + 1, 'nothing added twice');
    await shot(page, 'admin-intake-words');

    const hot = await newCase('小区污水外流', '楼下化粪池满溢，污水流到路上。');
    assert.equal(hot.urgency, 'critical');
    assert.equal((await server.api('disp', 'GET', `/api/cases/${hot.id}`)).body.urgency, 'critical');

    // Changed to 紧急 in its dialog: the next appeal is urgent, not critical.
    await page.getByRole('button', { name: '编辑 化糞池滿溢' }).click();
    const dialog = page.getByTestId('iw-edit');
    await dialog.locator('.ant-select', { has: page.getByLabel('紧急程度', { exact: true }) }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="紧急"]').click();
    await page.getByTestId('iw-edit-ok').click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual((await listed()).filter((w) => w.word === '化糞池滿溢').map((w) => w.level), ['urgent']);
    assert.equal((await newCase('小区污水外流', '楼下化粪池满溢，污水流到路上。')).urgency, 'urgent');

    await page.getByRole('button', { name: '删除 化糞池滿溢' }).click();
    await page.getByTestId('iw-table').getByText('化糞池滿溢').waitFor({ state: 'detached' });
    const calm = await newCase('小区污水外流', '楼下化粪池满溢，污水流到路上。');
    assert.equal(calm.urgency, 'normal', 'the removed word no longer raises urgency');
  });

  it('a case flagged by a sensitive word is listed and its flag cleared from the same screen', async () => {
    assert.equal((await server.api('admin', 'POST', '/api/intake-words', { list: 'sensitive', word: '曝光' })).status, 201);
    const c = await newCase('物业不作为', '再不处理就去网上曝光。');
    await page.goto(`${server.base}/app/admin/intake-words`);
    const row = page.getByTestId('iw-flagged').locator('tr', { hasText: c.number });
    await row.getByText('曝光', { exact: true }).waitFor();
    await row.getByRole('button', { name: `清除标记 ${c.number}` }).click();
    await row.waitFor({ state: 'detached' });
    const after = (await server.api('disp', 'GET', `/api/cases/${c.id}`)).body;
    assert.equal(after.wordCheck.reviewFlagged, false);
    assert.deepEqual(after.wordCheck.hits.sensitive, ['曝光'], 'the words found stay on the case');
  });

  it('the routing settings form refuses a threshold out of range and saves a valid change', async () => {
    await page.goto(`${server.base}/app/admin/routing`);
    const threshold = page.getByLabel('置信度阈值');
    await page.waitForFunction(`Number(document.querySelector('#rt-form_autoDispatch_threshold')?.value) === 0.9`);
    await threshold.fill('1.5');
    await page.getByTestId('rt-save').click();
    await page.getByTestId('rt-form').getByText('应在 0.5 到 1 之间').waitFor();
    assert.equal((await server.api('admin', 'GET', '/api/routing/settings')).body.autoDispatch.threshold, 0.9, 'nothing sent');
    // The server refuses it too, with its own message.
    const refused = await put('admin', '/api/routing/settings', { autoDispatch: { threshold: 0.2 } });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /threshold/);

    await threshold.fill('0.95');
    await page.getByTestId('rt-auto').click();
    await page.getByTestId('rt-save').click();
    await page.getByText('已保存').first().waitFor();
    const saved = (await server.api('admin', 'GET', '/api/routing/settings')).body;
    assert.deepEqual(saved.autoDispatch, { enabled: true, threshold: 0.95 });
    await page.getByTestId('rt-models').getByText('尚未训练模型').waitFor();
    await shot(page, 'admin-routing');
  });

  it('after a retraining the routing screen lists the model, and the hotline desk suggests categories for what is typed', async () => {
    const outcomes = await retrain(server.tdb.db);
    assert.equal(outcomes.find((o) => o.kind === 'category')?.trained, true, 'the catalogue alone trains a category model');
    await page.goto(`${server.base}/app/admin/routing`);
    await page.getByTestId('rt-models').getByText('分类').waitFor();

    const typed = { title: '公租房申请', content: '想咨询公租房申请的条件和流程' };
    const expected = (await server.api('op', 'POST', '/api/suggestions', typed)).body.categories[0] as { categoryId: number; name: string };
    await as('op');
    await page.goto(`${server.base}/app/hotline`);
    await page.getByTestId('hotline-title').fill(typed.title);
    await page.getByTestId('hotline-content').fill(typed.content);
    const chips = page.getByTestId('suggest-categories');
    const first = chips.getByTestId('suggestion').first();
    await first.waitFor();
    assert.equal(Number(await first.getAttribute('data-id')), expected.categoryId);
    await first.click();
    await page.locator('.ant-select-selection-item', { hasText: expected.name.split('/').pop()! }).first().waitFor();
    await shot(page, 'desk-suggestions');
    // Too little text: the chips go away.
    await page.getByTestId('hotline-title').fill('');
    await page.getByTestId('hotline-content').fill('');
    await chips.waitFor({ state: 'detached' });
  });
});
