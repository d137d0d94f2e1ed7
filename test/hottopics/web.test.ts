import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { runExclusive } from '../../src/jobs/runner.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import { computeHotTopics, HOT_TOPICS_JOB } from '../../src/modules/hottopic/hottopic.job.ts';
import { browserSuite, loginPage, shot, skipBrowser, type WebServer } from '../support/browser.ts';
import { runAs } from '../support/commands.ts';
import { background, mixingPlant } from './fixture.ts';

/**
 * In Chromium: the 热点 page lists a topic with its trend and titles; the
 * case page shows a unit head the check of a draft reply; the reply form
 * checks a draft before it is submitted.
 */
describe('hot topics and reply checks in the browser', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const ids: number[] = [];

  before(async () => {
    ({ server, browser } = suite);
    const now = Date.now();
    const appeals = [...background.map((a, i) => ({ ...a, at: now - (30 + i * 9) * 3_600_000 })), ...mixingPlant.map((a, i) => ({ ...a, at: now - (40 - i * 8) * 3_600_000 }))];
    for (const a of appeals) {
      const row = await runAs(server.tdb.db, 'op', new Date(), (ctx) => createCase(ctx, {
        channel: 'web', type: 'complaint', urgency: 'normal', title: a.title, content: a.content, receivedAt: new Date(a.at), register: true,
        regionUnitId: server.org.units['ca.t1'],
      }));
      ids.push(row.id);
    }
    await runExclusive(server.tdb.db, HOT_TOPICS_JOB, (trx) => computeHotTopics(trx, new Date()));
    // Two plant appeals with the 甲县 unit: one with a poor draft reply, one still being handled.
    for (const id of ids.slice(-2)) {
      let res = await server.api('disp', 'POST', `/api/cases/${id}/dispatch`, { version: 2, leadUnitId: server.org.units.ca });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      res = await server.api('ca.h', 'POST', `/api/cases/${id}/sign`, { version: res.body.version });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const current = await server.api('ca.h', 'GET', `/api/cases/${ids.at(-2)}`);
    const drafted = await server.api('ca.h', 'POST', `/api/cases/${ids.at(-2)}/draftReply`, { version: current.body.version, note: '已收悉，谢谢。' });
    assert.equal(drafted.status, 200, JSON.stringify(drafted.body));
  });

  async function as(username: string) {
    await page?.context().close();
    page = await loginPage(browser, server.base, username);
  }

  it('lists the hot topic with its count, words, trend and representative titles', async () => {
    await as('lead');
    await page.getByRole('link', { name: '热点' }).click();
    const topic = page.getByTestId('hot-topic').first();
    await topic.waitFor();
    const text = await topic.innerText();
    assert.match(text, /幸福家园/);
    assert.match(text, /4 件/);
    assert.match(text, /搅拌站/);
    assert.equal(await page.getByTestId('hot-topic').count(), 1, 'the background forms no topic');
    assert.equal(await topic.locator('li a').count(), 3);
    await topic.getByTestId('echart').waitFor();
    await shot(page, 'hot-topics');
  });

  it('shows a unit head the check of the draft reply, with its reasons', async () => {
    await as('ca.head');
    await page.goto(`${server.base}/app/cases/${ids.at(-2)}`);
    const card = page.getByTestId('reply-check');
    await card.waitFor();
    const codes = await card.locator('[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    assert.ok(codes.includes('too_short') && codes.includes('boilerplate'), codes.join(','));
    assert.match(await card.innerText(), /答复过短/);
    await shot(page, 'reply-check');
  });

  it('checks a draft in the reply form before it is submitted', async () => {
    await as('ca.h');
    await page.goto(`${server.base}/app/cases/${ids.at(-1)}`);
    await page.locator('[data-testid=actions] button[data-action=draftReply]').click();
    await page.getByTestId('field-note').fill('经镇执法队11月12日现场核查，已责令幸福家园旁搅拌站22时后停止生产，并每晚巡查至12月31日，监督电话0359-1234567。');
    await page.getByTestId('draft-reply-check').getByRole('button').click();
    await page.getByTestId('draft-reply-check').getByText('未发现问题').waitFor();
    await page.getByTestId('field-note').fill('已收悉');
    await page.getByTestId('draft-reply-check').getByRole('button').click();
    await page.getByTestId('draft-reply-check').locator('[data-code=too_short]').waitFor();
  });
});
