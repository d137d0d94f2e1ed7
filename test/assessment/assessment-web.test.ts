import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSuite, loginPage, shot, skipBrowser, type WebServer } from '../support/browser.ts';

/**
 * The assessment page in Chromium, on this month's cases under the default
 * scheme (docs/assessment.md):
 * - case X → ca, signed, still open: 按时签收率 100 %, 办结率 0 % (all 15
 *   points lost): 甲县 85;
 * - case Y → cb, returned unsigned (cb stays its lead unit until it is
 *   dispatched again): 按时签收率 0 % (10 lost), 办结率 0 % (15 lost),
 *   退单率 100 % (5 lost), one return (−0.2): 乙区 69.8.
 * 乙区's head appeals Y as not its responsibility; the supervisor accepts;
 * Y leaves 乙区's figures, which has nothing else: 不参评.
 */
describe('the assessment page: ranked scores, breakdown, an appeal filed and accepted', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let numberY = '';

  before(async () => {
    ({ server, browser } = suite);
    const { units } = server.org;
    const create = async (title: string) => {
      const res = await server.api('op', 'POST', '/api/cases', { channel: 'hotline', type: 'complaint', title, content: `${title}，请处理。`, register: true });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: number; version: number; number: string };
    };
    const x = await create('甲县道路破损');
    const sentX = await server.api('disp', 'POST', `/api/cases/${x.id}/dispatch`, { version: x.version, leadUnitId: units.ca });
    assert.equal((await server.api('ca.h', 'POST', `/api/cases/${x.id}/sign`, { version: sentX.body.version })).status, 200);
    const y = await create('乙区井盖缺失');
    numberY = y.number;
    const sentY = await server.api('disp', 'POST', `/api/cases/${y.id}/dispatch`, { version: y.version, leadUnitId: units.cb });
    const returned = await server.api('cb.h', 'POST', `/api/cases/${y.id}/return`, { version: sentY.body.version, note: '井盖属市政公司管理' });
    assert.equal(returned.status, 200, JSON.stringify(returned.body));
  });

  async function as(username: string) {
    await page?.context().close();
    page = await loginPage(browser, server.base, username);
    await page.getByRole('link', { name: '考核评价' }).click();
    await page.getByTestId('assessment-scores').locator('tbody tr.ant-table-row').first().waitFor();
  }
  const scoreRows = async () => (await page.getByTestId('assessment-scores').locator('tbody tr.ant-table-row').allInnerTexts())
    .map((r) => r.replace(/\s+/g, ' ').trim());

  it('ranks the counties this month; a row opens its breakdown with the cases behind the deductions', async () => {
    await as('cb.head');
    const rows = await scoreRows();
    assert.match(rows[0], /^1 甲县 85 /);
    assert.match(rows[1], /^2 乙区 69\.8 /);
    assert.equal(rows.length, 2);
    await page.getByTestId('assessment-scores').locator('tbody tr.ant-table-row', { hasText: '乙区' }).locator('.ant-table-row-expand-icon').click();
    await page.getByRole('link', { name: numberY }).first().waitFor();
    await shot(page, 'assessment-scores');
  });

  it('a unit head files an appeal and the supervisor accepts it: the score changes', async () => {
    const form = page.getByTestId('appeal-form');
    await form.getByLabel('工单编号').fill(numberY);
    await form.getByLabel('申诉事项').click();
    await page.getByTitle('非本单位职责，不计入考核').click();
    await form.getByLabel('申诉理由').fill('井盖属市政公司管理，已退回');
    await form.getByRole('button', { name: '提交申诉' }).click();
    await page.getByTestId('appeals').locator('tbody tr.ant-table-row', { hasText: '待审核' }).waitFor();
    // A head cannot decide (antd spaces two-character button labels: 采 纳).
    assert.equal(await page.getByRole('button', { name: /^采\s?纳$/ }).count(), 0);

    await as('sup');
    await page.getByRole('button', { name: /^采\s?纳$/ }).click();
    await page.getByLabel('审核意见（必填）').fill('经核实，属市政公司职责');
    await page.getByRole('button', { name: /^确\s?定$/ }).click();
    await page.getByTestId('appeals').locator('tbody tr.ant-table-row', { hasText: '已采纳' }).waitFor();
    await page.getByTestId('assessment-scores').locator('tbody tr.ant-table-row', { hasText: '不参评' }).first().waitFor();
    const rows = await scoreRows();
    assert.match(rows[0], /^1 甲县 85 /);
    assert.ok(rows.some((r) => /^— 乙区 不参评/.test(r)), rows.join('\n'));
    await shot(page, 'assessment-appeal-accepted');
  });
});
