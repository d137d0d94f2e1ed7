import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { drawFictionalBoundaries } from '../../src/modules/stats/stats.geo.ts';
import { browserSuite, loginPage, shot, shotsDir, skipBrowser, type WebServer } from '../support/browser.ts';

/**
 * The leader dashboard in Chromium: the regional map (the city's own
 * boundaries, no tiles) drills from the city to a county's townships and
 * on to a township's cases; league table numbers and the supervised panel
 * open the cases behind them; the dispatch and register forms offer the
 * server's suggestions as one-click chips (and nothing at all when there is
 * no suggestion).
 */
describe('the leader dashboard: map, league tables, panels; suggestions in the forms', { skip: skipBrowser, timeout: 240_000 }, () => {
  const suite = browserSuite();
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const numbers: Record<string, string> = {};
  const ids: Record<string, number> = {};

  before(async () => {
    ({ server, browser } = suite);
    assert.equal(await drawFictionalBoundaries(server.tdb.db), 5);
    const { units } = server.org;
    const create = async (key: string, title: string, regionUnitId: number, register = true) => {
      const res = await server.api('op', 'POST', '/api/cases', {
        channel: 'hotline', type: 'complaint', title, content: `${title}，请尽快处理。`, regionUnitId, register,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids[key] = res.body.id;
      numbers[key] = res.body.number;
      return res.body;
    };
    const a = await create('a', '甲一镇道路积水', units['ca.t1']);
    await create('b', '甲一镇路灯损坏', units['ca.t1']);
    await create('c', '乙一街道噪音扰民', units['cb.t1']);
    await create('d', '甲二镇垃圾清运', units['ca.t2'], false);
    const sent = await server.api('disp', 'POST', `/api/cases/${ids.a}/dispatch`, { version: a.version, leadUnitId: units['ca.t1'] });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const supervised = await server.api('sup', 'POST', `/api/cases/${ids.a}/supervise`, { version: sent.body.version, note: '请加快办理' });
    assert.equal(supervised.status, 200, JSON.stringify(supervised.body));
  });

  async function as(username: string) {
    await page?.context().close();
    page = await loginPage(browser, server.base, username);
  }

  /** Clicks a place on the map canvas, where the map says it drew the place's label point. */
  async function clickPlace(name: string) {
    const map = page.getByTestId('region-map');
    await page.waitForFunction(`document.querySelector('[data-testid=region-map]')?.dataset.regions?.includes(${JSON.stringify(name)})`);
    const spots = JSON.parse((await map.getAttribute('data-regions'))!) as Array<{ name: string; x: number; y: number }>;
    const spot = spots.find((s) => s.name === name)!;
    await map.locator('canvas').first().click({ position: { x: spot.x, y: spot.y } });
  }

  const tableRows = async (testId: string) => (await page.getByTestId(testId).locator('tbody tr.ant-table-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());

  it('draws the counties from their boundaries, with the figures in a table beside the map', async () => {
    await as('lead');
    await page.goto(`${server.base}/app/dashboard`);
    const map = page.getByTestId('region-map');
    await map.locator('canvas').first().waitFor();
    assert.equal(await page.getByTestId('region-card').getAttribute('data-level'), 'county');
    assert.match((await map.getAttribute('aria-label'))!, /地图：各区县的受理量/);
    assert.deepEqual((await tableRows('map-table')).sort(), ['乙区 1', '甲县 3'].sort(), 'accepted cases by place');
    await page.getByTestId('league-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForTimeout(500); // let the charts finish their entry animation before the picture
    await shot(page, '15-dashboard');
    await page.evaluate(`document.querySelector('[data-testid=region-card]').scrollIntoView({ block: 'start' })`);
    await shot(page, '15-dashboard-map');
    await page.screenshot({ path: path.join(shotsDir, '15-dashboard-full.png'), fullPage: true });
  });

  it('a click on a county shows its townships; a click on a township opens its cases', async () => {
    await clickPlace('甲县');
    await page.locator('[data-testid=region-card][data-level=township]').waitFor();
    assert.equal(await page.getByTestId('map-parent').innerText(), '甲县');
    await page.waitForFunction(`document.querySelector('[data-testid=region-map]')?.dataset.regions?.includes('甲二镇')`);
    assert.deepEqual((await tableRows('map-table')).sort(), ['甲一镇 2', '甲二镇 1'].sort());
    await shot(page, '16-dashboard-townships');
    await clickPlace('甲一镇');
    await page.waitForURL(/\/app\/stats\/drill\?.*metric=accepted/);
    assert.match(page.url(), new RegExp(`regionId=${server.org.units['ca.t1']}`));
    await page.getByTestId('drill-case').first().waitFor();
    const shown = await page.getByTestId('drill-case').allInnerTexts();
    assert.deepEqual(shown.sort(), [numbers.a, numbers.b].sort());
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /受理量/);
    await shot(page, '17-drill');
    await page.getByTestId('drill-case').filter({ hasText: numbers.a }).click();
    await page.getByTestId('case-number').waitFor();
    assert.equal(await page.getByTestId('case-number').innerText(), numbers.a);
  });

  it('colours the map by a KPI instead, its numbers opening the numerator’s cases', async () => {
    await page.goto(`${server.base}/app/dashboard`);
    await page.getByTestId('map-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('map-metric').click();
    await page.locator('.ant-select-item-option', { hasText: /^办结率$/ }).click();
    await page.getByTestId('map-table').getByRole('columnheader', { name: '办结率' }).waitFor();
    await page.getByTestId('map-table').getByText('0.0%').waitFor();
    assert.deepEqual((await tableRows('map-table')).sort(), ['乙区 —', '甲县 0.0%'].sort(), '甲县 leads one open case; 乙区 none');
    assert.match((await page.getByTestId('region-map').getAttribute('aria-label'))!, /办结率/);
    await page.getByTestId('map-table').getByTestId('map-number').filter({ hasText: '0.0%' }).click();
    await page.waitForURL(/metric=closed/);
    assert.match(page.url(), new RegExp(`unitId=${server.org.units.ca}(&|$)`));
    await page.getByRole('heading', { name: /办结量/ }).waitFor();
  });

  it('league table numbers open the unit’s cases; the supervised panel opens the supervised ones', async () => {
    await page.goto(`${server.base}/app/dashboard`);
    const row = page.getByTestId('league-table').locator('tbody tr.ant-table-row', { hasText: '甲县' });
    await row.waitFor();
    await row.getByTestId('league-accepted').click();
    await page.waitForURL(/\/app\/stats\/drill\?.*metric=accepted/);
    assert.match(page.url(), new RegExp(`unitId=${server.org.units.ca}(&|$)`));
    await page.getByTestId('drill-case').first().waitFor();
    assert.deepEqual(await page.getByTestId('drill-case').allInnerTexts(), [numbers.a], 'the case led by a unit of 甲县');
    assert.match(await page.getByTestId('drill-scope').innerText(), /甲县/);

    await page.goto(`${server.base}/app/dashboard`);
    const now = page.getByTestId('supervised-now');
    await page.getByTestId('supervised-list').getByText(numbers.a).waitFor();
    assert.match((await now.getAttribute('aria-label'))!, /当前督办: 1$/);
    await now.click();
    await page.waitForURL(/metric=supervisedNow/);
    await page.getByTestId('drill-case').first().waitFor();
    assert.deepEqual(await page.getByTestId('drill-case').allInnerTexts(), [numbers.a]);
  });

  it('the dispatch form shows nothing when the server has no suggestion, and a chip fills the lead unit when it has', async () => {
    await as('disp');
    await page.goto(`${server.base}/app/cases/${ids.c}`);
    const answered = page.waitForResponse((r) => r.url().includes(`/api/cases/${ids.c}/suggestions`));
    await page.locator('[data-testid=actions] button[data-action=dispatch]').click();
    await page.getByTestId('form-dispatch').waitFor();
    const real = await answered;
    assert.ok([200, 404].includes(real.status()), `suggestions answered ${real.status()}`);
    if (real.status() === 200) assert.deepEqual((await real.json()).units, [], 'no model trained in a fresh city');
    await page.waitForTimeout(300); // the answer is rendered (as nothing)
    assert.equal(await page.getByTestId('suggest-units').count(), 0);
    assert.equal(await page.locator('.ant-modal [data-testid=error]').count(), 0, 'no error either');
    await page.locator('.ant-modal-footer button').first().click();

    // The same form with suggestions (the shape of GET /api/cases/:id/suggestions).
    const { units } = server.org;
    await page.route('**/api/cases/*/suggestions', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ categories: [], units: [{ unitId: units['cb.t1'], name: '乙一街道', confidence: 0.82 }, { unitId: units.cb, name: '乙区', confidence: 0.11 }], model: { id: 1 } }),
    }));
    await page.locator('[data-testid=actions] button[data-action=dispatch]').click();
    const chips = page.getByTestId('suggest-units').getByTestId('suggestion');
    await chips.first().waitFor();
    assert.deepEqual(await chips.allInnerTexts(), ['乙一街道 · 82%', '乙区 · 11%']);
    await shot(page, '18-dispatch-suggestions');
    await chips.first().click();
    await page.getByTestId('field-leadUnitId').getByText('乙一街道').waitFor();
    await page.locator('[data-testid=action-submit][data-action=dispatch]').click();
    await page.locator('[data-testid=case-state][data-state=dispatched]').waitFor();
    const view = (await server.api('disp', 'GET', `/api/cases/${ids.c}`)).body;
    assert.equal(view.assignments[0].unitId, units['cb.t1']);
  });

  it('the register form offers the suggested categories the same way', async () => {
    const cats = (await server.api('op', 'GET', '/api/categories')).body as Array<{ id: number; name: string; level: number }>;
    const cat = cats.find((c) => c.level === 2) ?? cats[0];
    await as('op');
    await page.route('**/api/cases/*/suggestions', (route) => route.fulfill({
      contentType: 'application/json', body: JSON.stringify({ categories: [{ categoryId: cat.id, name: cat.name, confidence: 0.64 }], units: [], model: null }),
    }));
    await page.goto(`${server.base}/app/cases/${ids.d}`);
    await page.locator('[data-testid=actions] button[data-action=register]').click();
    const chip = page.getByTestId('suggest-categories').getByTestId('suggestion');
    await chip.waitFor();
    assert.equal(await chip.innerText(), `${cat.name} · 64%`);
    await chip.press('Enter');
    await page.getByTestId('form-register').locator('.ant-select-selection-item', { hasText: cat.name }).waitFor();
    await page.locator('[data-testid=action-submit][data-action=register]').click();
    await page.locator('[data-testid=case-state][data-state=registered]').waitFor();
    const view = (await server.api('op', 'GET', `/api/cases/${ids.d}`)).body;
    assert.equal(view.category.id, cat.id);
  });

  it('a county’s staff see their county only, a township’s staff their township', async () => {
    await as('ca.h');
    await page.goto(`${server.base}/app/dashboard`);
    await page.getByTestId('map-table').locator('tbody tr.ant-table-row').first().waitFor();
    assert.deepEqual((await tableRows('map-table')).map((r) => r.split(' ')[0]), ['甲县']);
    await as('ca.t1.h');
    await page.goto(`${server.base}/app/dashboard`);
    await page.locator('[data-testid=region-card][data-level=township]').waitFor();
    await page.getByTestId('map-table').locator('tbody tr.ant-table-row').first().waitFor();
    assert.deepEqual((await tableRows('map-table')).map((r) => r.split(' ')[0]), ['甲一镇']);
  });
});
