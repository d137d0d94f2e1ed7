import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSuite, loginPage, queueCount, shot, skipBrowser, type WebServer } from '../support/browser.ts';

/**
 * The other screens in Chromium: the hotline desk without the mouse, the case
 * list (filters, columns, CSV export, batch dispatch and urging), the leader
 * dashboard, and the three interface languages.
 */
describe('the staff web app: desk, list, dashboard, languages', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ server, browser } = suite);
  });

  async function as(username: string, lang: 'zh-Hans' | 'zh-Hant' | 'en' = 'zh-Hans') {
    await page?.context().close();
    page = await loginPage(browser, server.base, username, lang);
  }
  const focused = () => page.evaluate('document.activeElement?.getAttribute("data-testid") || document.activeElement?.id || ""') as Promise<string>;

  it('the hotline desk takes a whole call from the keyboard: number, history, new case; then answer-and-close', async () => {
    const earlier = await server.api('op', 'POST', '/api/cases', { channel: 'hotline', type: 'inquiry', title: '咨询社保转移', content: '询问社保关系转移手续。', citizenPhone: '13900002222' });
    assert.equal(earlier.status, 201);
    await as('op');
    await page.goto(`${server.base}/app/hotline`);
    await page.getByTestId('caller-phone').waitFor();
    assert.equal(await focused(), 'caller-phone', 'the number field has the focus');
    await page.keyboard.type('13900002222');
    await page.keyboard.press('Enter');
    await page.getByTestId('caller-history').getByText(earlier.body.number).waitFor();
    assert.equal(await focused(), 'citizenName', 'Enter moves on to the caller’s name');
    await page.keyboard.type('李先生');
    await page.keyboard.press('Alt+2');
    assert.equal(await focused(), 'hotline-title');
    await page.keyboard.type('小区电梯频繁故障');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'hotline-content');
    await page.keyboard.type('甲一村安置小区3号楼电梯一周内停运三次，老人上下楼困难，物业未及时维修。');
    await shot(page, '10-hotline-desk');
    await page.keyboard.press('Control+Enter');
    const last = page.getByTestId('hotline-last');
    await last.waitFor();
    const number = (await last.locator('a').innerText()).trim();
    const found = await server.api('op', 'GET', `/api/cases/by-number/${number}`);
    assert.equal(found.body.state, 'registered', 'created and registered at once');
    assert.equal(found.body.citizen.phone, '13900002222');
    assert.equal(found.body.citizen.name, '李先生');
    assert.equal(await focused(), 'caller-phone', 'ready for the next call');

    // Answer and close: Tab reaches the answer field; the answer is required.
    await page.keyboard.press('Alt+2');
    await page.keyboard.type('咨询公积金提取');
    await page.keyboard.press('Tab');
    await page.keyboard.type('来电咨询公积金提取需要的材料。');
    await page.keyboard.press('Control+Shift+Enter');
    await page.getByText('直接办结需要填写答复内容').waitFor();
    for (let i = 0; i < 20 && (await focused()) !== 'hotline-answer'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'hotline-answer', 'the answer field is reachable with Tab');
    await page.keyboard.type('提取公积金需携带身份证、银行卡，可在线上办理。');
    await page.keyboard.press('Control+Shift+Enter');
    await page.getByTestId('hotline-last').getByText('已办结').waitFor();
  });

  it('the case list filters, chooses columns, exports what it shows, and dispatches in a batch', async () => {
    for (const title of ['乙区井盖缺失', '乙区路面塌陷', '乙区占道经营']) {
      const r = await server.api('op', 'POST', '/api/cases', { channel: 'web', type: 'report', title, content: `${title}，请处理。`, register: true });
      assert.equal(r.status, 201);
    }
    await as('disp');
    await page.goto(`${server.base}/app/cases?state=registered&q=${encodeURIComponent('乙区')}`);
    await page.getByText('共 3 条').first().waitFor();
    await page.getByTestId('columns').click();
    await page.getByRole('checkbox', { name: '渠道' }).uncheck();
    await page.getByRole('heading', { name: '工单列表' }).click();
    await page.locator('.ant-popover').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.ant-table-thead th', { hasText: '渠道' }).count(), 0, 'the column is gone');
    await shot(page, '11-case-list');

    const download = page.waitForEvent('download');
    await page.getByTestId('export').click();
    const file = await (await download).path();
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM for spreadsheet programs');
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 4, csv);
    assert.ok(lines[0].startsWith('编号,标题,状态'), lines[0]);
    assert.ok(!lines[0].includes('渠道'));

    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    await page.getByTestId('batch-dispatch').click();
    await page.getByTestId('batch-lead').click();
    await page.keyboard.type('乙一街道');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '乙一街道' }).first().click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('batch-summary').getByText('成功 3 件，未成功 0 件').waitFor();
    await shot(page, '12-batch-dispatch');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('共 0 条').first().waitFor();
    const dispatched = await server.api('disp', 'GET', `/api/cases?state=dispatched&q=${encodeURIComponent('乙区')}`);
    assert.equal(dispatched.body.total, 3);

    // The supervisor urges them; a closed case in the batch would be skipped with a reason.
    await as('sup');
    await page.goto(`${server.base}/app/cases?state=dispatched`);
    await page.getByText('共 3 条').first().waitFor();
    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    await page.getByTestId('batch-urge').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('batch-summary').getByText('成功 3 件，未成功 0 件').waitFor();
  });

  it('the leader dashboard draws its charts lazily and every number opens its cases', async () => {
    await as('lead');
    await page.goto(`${server.base}/app/dashboard`);
    await page.getByTestId('echart').first().locator('canvas').waitFor();
    await shot(page, '13-dashboard');
    await page.getByRole('link', { name: /^待签收: 3$/ }).click();
    await page.waitForURL(/\/app\/cases\?state=dispatched/);
    await page.getByText('共 3 条').first().waitFor();
  });

  it('switches between 简体, 繁體 and English; the server answers in the same language', async () => {
    await as('cb.t1.h', 'en');
    await page.getByRole('heading', { name: 'My queues' }).waitFor();
    assert.equal(await queueCount(page, 'toSign'), 3);
    await shot(page, '14-home-english');
    await page.goto(`${server.base}/app/cases/999999`);
    await page.getByText('The case does not exist or you may not see it').waitFor();
    await page.getByTestId('language').click();
    await page.getByTitle('繁體中文').click();
    await page.getByText('工單不存在或您無權查看').waitFor();
    await page.goto(`${server.base}/app/cases`);
    await page.getByRole('heading', { name: '工單列表' }).waitFor();
  });
});
