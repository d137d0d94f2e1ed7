import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedBoards } from '../../src/modules/board/board.seed.ts';
import { browserSuite, login, loginPage, logout, newUserPage, queueCount, shot, skipBrowser, type WebServer } from '../support/browser.ts';

/**
 * The whole loop in a real browser, as the people who do it: a citizen
 * writes to the Leader Message Board, the operator publishes and registers
 * the message, the dispatcher dispatches it through the org tree, the
 * township signs and drafts the reply, its head signs it off, the centre
 * approves and records the callback — each with only the buttons the server
 * allows — and the public board shows the message as handled, with the
 * reply and without the citizen's personal data. Then: a refused action
 * shows the server's message, and another county cannot open the case by
 * its address.
 */
describe('the staff web app: the closed loop in Chromium', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let caseId: number;
  let caseNumber: string;

  let postId: number;
  /** What the citizen writes; none of the personal data may reach the public page. */
  const citizen = { name: '王秀英', phone: '13800001111', idNumber: '110101196501012345' };

  before(async () => {
    ({ server, browser } = suite);
    await seedBoards(server.tdb.db);
  });

  /** Logs in as `username` in a fresh browser context. */
  async function as(username: string) {
    await page?.context().close();
    page = await loginPage(browser, server.base, username);
  }

  async function openCase() {
    await page.goto(`${server.base}/app/cases/${caseId}`);
    await page.getByTestId('case-number').waitFor();
  }

  const allowed = async () => (await page.getByTestId('actions').locator('button[data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action'))));

  /** Clicks the action's button, fills the dialog with `fill`, submits, and waits for the new state. */
  /** Clicks the submit button of the dialog of `action` (not of a dialog still closing after the previous one). */
  const submit = (action: string) => page.locator(`[data-testid=action-submit][data-action=${action}]`).click();

  async function act(action: string, state: string, fill?: () => Promise<void>) {
    await page.locator(`[data-testid=actions] button[data-action=${action}]`).click();
    await page.getByTestId(`form-${action}`).waitFor();
    await fill?.();
    await submit(action);
    await page.locator(`[data-testid=case-state][data-state=${state}]`).waitFor();
  }

  async function chooseUnit(testId: string, name: string) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(name);
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: name }).first().click();
  }

  it('shows the login page, and refuses a wrong password with the server’s message', async () => {
    ({ page } = await newUserPage(browser));
    const t0 = Date.now();
    await page.goto(`${server.base}/login`);
    await page.getByTestId('login-submit').waitFor();
    const firstScreen = Date.now() - t0;
    console.log(`# first screen (cold cache, /login → the login form): ${firstScreen} ms`);
    // The goal is < 2 s (about 1.4 s measured here, including the browser's own start-up of the page);
    // the bound leaves room for a busy CI machine running two test files at once.
    assert.ok(firstScreen < 4000, `the first screen took ${firstScreen} ms`);
    assert.match(page.url(), /\/app\/login$/, '/login leads to the app');
    await page.getByTestId('username').fill('op');
    await page.getByTestId('password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.match(await error.innerText(), /INVALID_CREDENTIALS/);
    await shot(page, '01-login');
  });

  it('a citizen writes to the county head’s message board (no login, plain forms)', async () => {
    await page?.context().close();
    ({ page } = await newUserPage(browser));
    await page.goto(`${server.base}/board/ca-head/write`);
    await page.locator('#phone').fill(citizen.phone);
    await page.getByRole('button', { name: '获取短信验证码' }).click();
    await page.getByRole('status').filter({ hasText: '验证码已发送' }).waitFor();
    const sms = await server.tdb.db.selectFrom('smsMessages').select('body').where('phone', '=', citizen.phone)
      .where('purpose', '=', 'board_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const code = /验证码为(\d{6})/.exec(sms.body)![1];
    await page.locator('input[name=type][value=complaint]').check();
    await page.locator('#domain').selectOption('construction');
    await page.locator('#region').selectOption('ca');
    await page.locator('#title').fill('甲一村道路破损影响出行');
    await page.locator('#content').fill(`村口道路坑洼多日，雨天积水，老人小孩出行不便，请尽快修复。我是${citizen.name}，电话${citizen.phone}，身份证${citizen.idNumber}。`);
    await page.locator('#name').fill(citizen.name);
    await page.locator('#code').fill(code);
    await shot(page, '00-board-write');
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.getByText('查询码').first().waitFor();
    const post = await server.tdb.db.selectFrom('boardPosts').innerJoin('cases', 'cases.id', 'boardPosts.caseId')
      .select(['boardPosts.id', 'boardPosts.caseId', 'cases.number', 'cases.channel', 'cases.state']).orderBy('boardPosts.id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([post.channel, post.state], ['board', 'received']);
    assert.ok((await page.content()).includes(post.number), 'the citizen gets the case number');
    [postId, caseId, caseNumber] = [post.id, post.caseId, post.number];
  });

  it('the operator registers the board message from the queue “to register”', async () => {
    await as('op');
    const queue = page.getByTestId('queue-toRegister');
    assert.equal(await queueCount(page, 'toRegister'), 1);
    await shot(page, '02-home-operator');
    await queue.click();
    await page.getByTestId('case-link').first().waitFor();
    assert.equal(await page.getByTestId('list-total').innerText(), '共 1 条');
    await page.getByTestId('case-link').filter({ hasText: caseNumber }).click();
    await page.getByTestId('case-number').waitFor();
    assert.deepEqual(await allowed(), ['register', 'reject', 'merge', 'answer']);
    await shot(page, '03-case-received');
    await act('register', 'registered');
    assert.deepEqual(await allowed(), ['reject', 'merge', 'answer'], 'the operator may not dispatch');
    // 先审后发: the operator publishes the message on the board (redacted automatically).
    const published = await server.api('op', 'POST', `/api/board/posts/${postId}/publish`, {});
    assert.equal(published.status, 200, JSON.stringify(published.body));
    await logout(page);
  });

  it('the dispatcher dispatches it to the township with the org tree', async () => {
    await as('disp');
    assert.equal(await queueCount(page, 'toDispatch'), 1);
    await openCase();
    assert.ok((await allowed()).includes('dispatch'));
    await page.locator('[data-testid=actions] button[data-action=dispatch]').click();
    await page.getByTestId('form-dispatch').waitFor();
    // Client-side check first: no lead unit, no request.
    await submit('dispatch');
    await page.getByText('请选择主办单位').waitFor();
    await chooseUnit('field-leadUnitId', '甲一镇');
    await page.getByTestId('field-note').fill('请甲一镇尽快核实处理。');
    await shot(page, '04-dispatch-dialog');
    await submit('dispatch');
    await page.locator('[data-testid=case-state][data-state=dispatched]').waitFor();
    const view = (await server.api('disp', 'GET', `/api/cases/${caseId}`)).body;
    assert.equal(view.assignments[0].unitId, server.org.units['ca.t1']);
    assert.equal(view.assignments[0].role, 'lead');
  });

  it('the township handler signs for it and drafts the reply; deadlines show per unit', async () => {
    await as('ca.t1.h');
    assert.equal(await queueCount(page, 'toSign'), 1);
    await shot(page, '05-home-handler');
    await openCase();
    assert.deepEqual(await allowed(), ['sign', 'return']);
    const deadline = page.getByTestId(`reply-deadline-${server.org.units['ca.t1']}`).locator('[data-deadline]');
    assert.ok(['on_time', 'due_soon', 'overdue'].includes((await deadline.getAttribute('data-deadline'))!));
    await act('sign', 'handling');
    // The reply text is required: checked before anything is sent.
    await page.locator('[data-testid=actions] button[data-action=draftReply]').click();
    await submit('draftReply');
    await page.getByText('请填写答复内容').waitFor();
    await page.getByTestId('field-note').fill('经核实，村口道路已安排施工队于本周内修复，雨天积水问题同步疏通排水沟。');
    await submit('draftReply');
    await page.locator('[data-testid=case-state][data-state=signoff]').waitFor();
    await shot(page, '06-case-handling');
    assert.deepEqual(await allowed(), [], 'a handler does not sign off');
    await page.getByTestId('no-actions').waitFor();
  });

  it('the head signs the reply off, the reviewer approves, the callback closes it', async () => {
    await as('ca.t1.head');
    assert.equal(await queueCount(page, 'toSignOff'), 1);
    await openCase();
    assert.deepEqual(await allowed(), ['signOff', 'rejectDraft']);
    await act('signOff', 'reviewing');

    await as('rev');
    assert.equal(await queueCount(page, 'toReview'), 1);
    await openCase();
    await act('approve', 'callback');
    await page.locator('[data-testid=actions] button[data-action=recordCallback]').click();
    await page.getByTestId('form-recordCallback').waitFor();
    await submit('recordCallback');
    await page.getByText('接通后请选择满意度').waitFor();
    await page.getByLabel('已解决').check();
    await page.getByLabel('满意', { exact: true }).check();
    await submit('recordCallback');
    await page.locator('[data-testid=case-state][data-state=closed]').waitFor();
    const history = await page.getByTestId('history').locator('[data-action]').evaluateAll((es) => es.map((e) => e.getAttribute('data-action')));
    assert.deepEqual(history, ['create', 'register', 'dispatch', 'sign', 'draftReply', 'signOff', 'approve', 'recordCallback']);
    assert.match(await page.getByTestId('case-reply').innerText(), /施工队/);
    await shot(page, '07-case-closed');
    const view = (await server.api('rev', 'GET', `/api/cases/${caseId}`)).body;
    assert.equal(view.state, 'closed');
    assert.equal(view.callback.satisfaction, 'satisfied');
  });

  it('the public board shows the message as handled, with the reply and no personal data', async () => {
    await page.context().close();
    ({ page } = await newUserPage(browser));
    await page.goto(`${server.base}/board/posts/${postId}`);
    await page.getByRole('heading', { name: '甲一村道路破损影响出行' }).waitFor();
    const text = await page.locator('body').innerText();
    assert.match(text, /已办理/);
    assert.match(text, /村口道路已安排施工队于本周内修复/, 'the approved reply');
    assert.match(text, /甲一镇/, 'the replying unit');
    assert.match(text, /王\*\*/, 'the masked name');
    const html = await page.content();
    for (const secret of [citizen.phone, citizen.idNumber, citizen.name, '1380000', '王秀']) {
      assert.ok(!html.includes(secret), `the public page does not contain ${secret}`);
    }
    await shot(page, '07b-board-answered');
    await page.goto(`${server.base}/board/ca-head`);
    const listing = await page.content();
    assert.ok(listing.includes(`/board/posts/${postId}`), 'listed on the board');
    assert.ok(!listing.includes(citizen.phone) && !listing.includes(citizen.name));
  });

  it('a refused action shows the server’s own message', async () => {
    const other = await server.api('op', 'POST', '/api/cases', { channel: 'hotline', type: 'help', title: '路灯不亮', content: '乙一街道路灯不亮，夜间不安全。', register: true });
    await as('disp');
    await page.goto(`${server.base}/app/cases/${other.body.id}`);
    await page.locator('[data-testid=actions] button[data-action=dispatch]').waitFor();
    // Someone else dispatches it first; this page still shows the old state.
    const first = await server.api('disp', 'POST', `/api/cases/${other.body.id}/dispatch`, { version: other.body.version, leadUnitId: server.org.units['cb.t1'] });
    assert.equal(first.status, 200);
    const refusal = await server.api('disp', 'POST', `/api/cases/${other.body.id}/dispatch`, { version: other.body.version, leadUnitId: server.org.units['cb'] });
    assert.equal(refusal.status, 409);
    await page.locator('[data-testid=actions] button[data-action=dispatch]').click();
    await chooseUnit('field-leadUnitId', '乙区');
    await submit('dispatch');
    const alert = page.locator('.ant-modal [data-testid=error]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.ok(text.includes(refusal.body.error.message), `shows “${refusal.body.error.message}”, got: ${text}`);
    assert.ok(text.includes(refusal.body.error.code));
    await shot(page, '08-refused');
  });

  it('a unit of another county cannot open the case by its address', async () => {
    await as('cb.h');
    await page.goto(`${server.base}/app/cases/${caseId}`);
    await page.getByText('工单不存在或您无权查看').waitFor();
    assert.equal(await page.getByTestId('case-number').count(), 0);
    await shot(page, '09-other-county');
    await as('ca.h');
    await openCase();
    assert.equal(await page.getByTestId('case-number').innerText(), caseNumber, 'the county above the township sees it');
  });
});
