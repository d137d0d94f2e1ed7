import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { toTraditional } from '../../src/modules/board/i18n/zh-Hant.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

/**
 * Error messages follow the caller's language: simplified Chinese by
 * default, traditional Chinese for zh-Hant/zh-TW/zh-HK, English for en —
 * the same code in every language.
 */
describe('error messages in the caller’s language', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const wrongPassword = (lang?: string) =>
    t.app.inject({
      method: 'POST', url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'wrong-password' },
      headers: lang ? { 'accept-language': lang } : {},
    });

  it('simplified Chinese by default and for zh-CN', async () => {
    for (const lang of [undefined, 'zh-CN,zh;q=0.9']) {
      const res = await wrongPassword(lang);
      assert.equal(res.statusCode, 401);
      const { code, message } = res.json().error;
      assert.equal(code, 'INVALID_CREDENTIALS');
      assert.match(message, /密码/);
      assert.doesNotMatch(message, /密碼/);
    }
  });

  it('traditional Chinese for zh-Hant, zh-TW and zh-HK', async () => {
    for (const lang of ['zh-Hant', 'zh-TW,zh;q=0.8', 'zh-HK']) {
      const res = await wrongPassword(lang);
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'INVALID_CREDENTIALS');
      assert.match(res.json().error.message, /密碼/, lang);
    }
  });

  it('English for en, also when it is not first but ranked higher', async () => {
    for (const lang of ['en', 'en-GB', 'fr;q=0.5, en;q=0.9']) {
      const res = await wrongPassword(lang);
      assert.equal(res.json().error.code, 'INVALID_CREDENTIALS');
      assert.doesNotMatch(res.json().error.message, /[\u4e00-\u9fff]/, lang);
    }
  });

  it('schema failures and unknown routes are converted too', async () => {
    const badLogin = (lang: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' }, headers: { 'accept-language': lang } });
    const [zh, tw] = [await badLogin('zh-CN'), await badLogin('zh-TW')];
    assert.equal(tw.statusCode, 400);
    assert.equal(tw.json().error.code, 'INVALID_INPUT');
    assert.notEqual(tw.json().error.message, zh.json().error.message);
    assert.equal(tw.json().error.message, toTraditional(zh.json().error.message));
    const missing = (lang: string) => t.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': lang } });
    assert.equal((await missing('zh-HK')).json().error.message, toTraditional((await missing('zh')).json().error.message));
  });
});
