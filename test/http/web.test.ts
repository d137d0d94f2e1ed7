import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { webBuildIsCurrent, webDist } from '../../src/http/web-build.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/** The staff web app is served at /app/ by the API server (web/dist, built by `npm test` / `npm start`). */
describe('serving the web app', { skip: webBuildIsCurrent() ? false : 'web/dist is not built (npm run build:web)' }, () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  it('answers /app/ and any address inside it with index.html, not cached', async () => {
    for (const url of ['/app/', '/app/cases/123', '/app/login']) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.match(res.body, /<div id="root">/);
    }
  });

  it('sends hashed assets cached for a year, compressed when the browser accepts it, and 404 for missing ones', async () => {
    const index = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
    const script = /src="\/app\/(assets\/[^"]+\.js)"/.exec(index)![1];
    const res = await t.app.inject({ url: `/app/${script}`, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(res.headers['content-type'] as string, /javascript/);
    assert.equal((await t.app.inject({ url: '/app/assets/nothing-here.js' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/app/.fingerprint' })).statusCode, 200, 'hidden files fall back to the app');
    assert.doesNotMatch((await t.app.inject({ url: '/app/.fingerprint' })).body, /^[0-9a-f]{64}$/m);
  });

  it('/login and /app lead to the app; the API stays JSON', async () => {
    const login = await t.app.inject({ url: '/login' });
    assert.equal(login.statusCode, 302);
    assert.equal(login.headers.location, '/app/login');
    assert.equal((await t.app.inject({ url: '/app' })).headers.location, '/app/');
    const api = await t.app.inject({ url: '/api/cases' });
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().error.code, 'UNAUTHENTICATED');
  });
});
