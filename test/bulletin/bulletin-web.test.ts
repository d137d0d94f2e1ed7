import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSuite, loginPage, shot, shotsDir, skipBrowser, type WebServer } from '../support/browser.ts';
import { buildSeptember } from './fixture.ts';

/**
 * The bulletins page in Chromium: a leader makes September's city bulletin,
 * it appears in the list with its figures, the XLSX link downloads the
 * workbook, and the printable page — opened with JavaScript off — prints to
 * a PDF with its charts. A county handler sees the page without the form
 * and only the county's bulletins.
 */
describe('the bulletins page', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ server, browser } = suite);
    await buildSeptember(server.tdb.db, server.org);
  });

  async function as(username: string) {
    await page?.context().close();
    page = await loginPage(browser, server.base, username);
  }

  it('a leader makes a bulletin, sees it listed, downloads the XLSX and prints the page', async () => {
    await as('lead');
    await page.getByRole('link', { name: '定期通报' }).click();
    await page.getByRole('heading', { name: '定期通报' }).waitFor();
    const choose = async (select: string, option: string) => {
      await page.getByTestId(select).click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    };
    await choose('bulletin-kind', '季报');
    await choose('bulletin-kind', '月报');
    await choose('bulletin-year', '2026');
    await choose('bulletin-n', '9月');
    await page.getByTestId('bulletin-generate').click();
    await page.getByText('已生成 2026-09 通报').waitFor();
    const row = page.getByTestId('bulletin-list').locator('tr', { hasText: '2026-09' });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /月报/);
    assert.match(text, /测试市/);
    assert.match(text, /75\.00%/);
    assert.match(text, /50\.00%/);
    await shot(page, 'bulletins');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: '下载 XLSX' }).click()]);
    const file = path.join(shotsDir, 'bulletin.xlsx');
    await download.saveAs(file);
    assert.equal(fs.readFileSync(file).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');

    const href = await row.getByRole('link', { name: '打开（可打印）' }).getAttribute('href');
    assert.match(href!, /^\/api\/bulletins\/\d+\.html$/);
    const cookies = await page.context().cookies();
    const printable = await browser.newContext({ javaScriptEnabled: false });
    await printable.addCookies(cookies);
    const print = await printable.newPage();
    const external: string[] = [];
    print.on('request', (r) => { if (!r.url().startsWith(server.base)) external.push(r.url()); });
    await print.goto(`${server.base}${href}`);
    assert.equal(await print.locator('svg').count() >= 3, true, 'charts drawn without JavaScript');
    await print.getByRole('heading', { name: '测试市2026年9月12345政务服务便民热线月度通报' }).waitFor();
    const pdf = await print.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    assert.deepEqual(external, [], 'nothing loaded from elsewhere');
    await printable.close();
  });

  it('a county handler sees only the county’s bulletins and no form', async () => {
    await server.api('ca.head', 'POST', '/api/bulletins', { period: '2026-09', unitId: server.org.units.ca });
    await as('ca.h');
    await page.goto(`${server.base}/app/bulletins`);
    await page.getByRole('heading', { name: '定期通报' }).waitFor();
    await page.getByTestId('bulletin-list').locator('tr', { hasText: '甲县' }).waitFor();
    assert.equal(await page.getByTestId('bulletin-generate').count(), 0);
    assert.equal(await page.getByTestId('bulletin-list').locator('tr', { hasText: '测试市' }).count(), 0);
  });
});
