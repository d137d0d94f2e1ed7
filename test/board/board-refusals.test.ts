import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PNG, samplePost, startBoardApp, textOf, type BoardTestApp } from './support.ts';

/**
 * Every refusal of the form: a 422 (429 for code throttling, 403 for a
 * forged form) page with the reason in the reader's language, and nothing
 * created.
 */
describe('board refusals', () => {
  let t: BoardTestApp;
  before(async () => { t = await startBoardApp(); });
  after(async () => { await t.close(); });

  let ipCounter = 0;
  const freshIp = () => `192.0.2.${++ipCounter}`;
  const counts = async () => ({
    cases: Number((await t.tdb.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    posts: Number((await t.tdb.db.selectFrom('boardPosts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    attachments: Number((await t.tdb.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  });
  const uploads = () => (fs.existsSync(path.join(t.dataDir, 'uploads')) ? fs.readdirSync(path.join(t.dataDir, 'uploads')).length : 0);

  /** Runs `fn`, expects `status` and `message` in the page, and that nothing new exists. */
  async function refused(fn: () => Promise<{ statusCode: number; body: string }>, status: number, message: RegExp) {
    const before = { ...(await counts()), files: uploads() };
    const res = await fn();
    assert.equal(res.statusCode, status, textOf(res.body).replace(/\s+/g, ' ').slice(0, 600));
    assert.match(textOf(res.body), message);
    assert.deepEqual({ ...(await counts()), files: uploads() }, before, 'a refusal creates nothing');
    return res;
  }

  it('missing and malformed fields: every problem at once, with the values kept', async () => {
    const b = t.browser(freshIp());
    const res = await refused(() => b.post('/board/mayor/write', { type: '', domain: 'nonsense', title: '太短', content: '', name: '', phone: '123', code: '' }),
      422, /请填写“留言类型”。/);
    const text = textOf(res.body);
    assert.match(text, /“所属领域”的选择无效/);
    assert.match(text, /标题须为5–40个字（现为2个字）/);
    assert.match(text, /请填写“留言内容”/);
    assert.match(text, /请填写“真实姓名”/);
    assert.match(text, /请填写正确的11位手机号码/);
    assert.match(text, /请填写“短信验证码”/);
    assert.match(res.body, /name="title" [^>]*value="太短"/, 'what the citizen typed is kept');
    assert.match(res.body, /aria-invalid="true"/);
    await refused(() => b.post('/board/mayor/write', { ...samplePost(), code: '000000', title: '长'.repeat(41) }), 422, /标题须为5–40个字（现为41个字）/);
    await refused(() => b.post('/board/mayor/write', { ...samplePost(), code: '000000', content: '字'.repeat(2001) }), 422, /内容须为10–2000个字（现为2001个字）/);
  });

  it('a forged form (no token, or another site’s origin) is refused', async () => {
    const res = await refused(() => t.app.inject({
      method: 'POST', url: '/board/mayor/write', payload: new URLSearchParams({ ...samplePost(), code: '123456' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }), 403, /表单已过期/);
    assert.doesNotMatch(res.body, /<script/i);
    const b = t.browser(freshIp());
    await refused(() => b.post('/board/mayor/write', { ...samplePost(), code: '123456' }, undefined, { origin: 'https://evil.example' }), 403, /表单已过期/);
    await refused(() => b.post('/board/mayor/code', { phone: '13800138099', _csrf: 'x'.repeat(43) }), 403, /表单已过期/);
  });

  it('a banned word, listed by an administrator', async () => {
    assert.equal((await t.staff('op', 'POST', '/api/board/banned-words', { word: '违禁词' })).statusCode, 403, 'administrators only');
    const added = await t.staff('admin', 'POST', '/api/board/banned-words', { word: '违禁词' });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal((await t.staff('admin', 'POST', '/api/board/banned-words', { word: '违禁词' })).statusCode, 409);
    const b = t.browser(freshIp());
    const code = await b.requestCode('mayor', '13800000001');
    await refused(() => b.write('mayor', { phone: '13800000001', code, content: '这里有一个违 禁 词，请处理一下这个问题。' }), 422,
      /内容含有不允许发布的词语“违禁词”/);
    const list = (await t.staff('admin', 'GET', '/api/board/banned-words')).json();
    assert.deepEqual(list.items.map((w: { word: string }) => w.word), ['违禁词']);
    assert.equal((await t.staff('admin', 'DELETE', `/api/board/banned-words/${added.json().id}`)).statusCode, 204);
    const ok = await b.write('mayor', { phone: '13800000001', code, content: '这里有一个违禁词，请处理一下这个问题。' });
    assert.equal(ok.statusCode, 200, 'once removed, the same code still works: the refusal did not use it');
  });

  it('a wrong code counts a try, an expired code and five wrong tries need a new code', async () => {
    const b = t.browser(freshIp());
    const phone = '13800000002';
    const code = await b.requestCode('mayor', phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await refused(() => b.write('mayor', { phone, code: wrong }), 422, /短信验证码不正确，还可尝试4次/);
    for (const left of [3, 2, 1]) await refused(() => b.write('mayor', { phone, code: wrong }), 422, new RegExp(`还可尝试${left}次`));
    await refused(() => b.write('mayor', { phone, code: wrong }), 422, /验证码输错次数过多，请重新获取验证码/);
    await refused(() => b.write('mayor', { phone, code }), 422, /验证码输错次数过多/);

    const phone2 = '13800000003';
    const code2 = await b.requestCode('mayor', phone2);
    await t.tdb.db.updateTable('boardSmsCodes').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=',
      (eb) => eb.selectFrom('boardSmsCodes').select((e) => e.fn.max('id').as('m'))).execute();
    await refused(() => b.write('mayor', { phone: phone2, code: code2 }), 422, /短信验证码已过期或未获取/);
    await refused(() => b.write('mayor', { phone: '13800000004', code: '123456' }), 422, /短信验证码已过期或未获取/);
  });

  it('a code is used once', async () => {
    const b = t.browser(freshIp());
    const code = await b.requestCode('mayor', '13800000005');
    assert.equal((await b.write('mayor', { phone: '13800000005', code })).statusCode, 200);
    await refused(() => b.write('mayor', { phone: '13800000005', code, title: '同一个验证码再用一次' }), 422, /短信验证码已过期或未获取/);
  });

  it('codes are not resent within 60 s', async () => {
    const b = t.browser(freshIp());
    await b.requestCode('mayor', '13800000006');
    const again = await b.post('/board/mayor/code', { phone: '13800000006' });
    assert.equal(again.statusCode, 429);
    assert.match(textOf(again.body), /验证码已发送，请\d+秒后再重新获取/);
    const sent = await t.tdb.db.selectFrom('smsMessages').select('id').where('phone', '=', '13800000006').execute();
    assert.equal(sent.length, 1);
  });

  it('too frequent: three posts per phone and ten per IP in 24 hours', async () => {
    const b = t.browser(freshIp());
    const phone = '13800000007';
    for (let i = 0; i < 3; i++) {
      await t.tdb.db.updateTable('boardSmsCodes').set({ createdAt: new Date(Date.now() - 120_000) }).execute(); // past the resend wait
      assert.equal((await b.write('mayor', { phone, title: `第${i + 1}次反映施工噪音问题` })).statusCode, 200);
    }
    await t.tdb.db.updateTable('boardSmsCodes').set({ createdAt: new Date(Date.now() - 120_000) }).execute();
    await refused(() => b.write('mayor', { phone }), 422, /该手机号码24小时内已留言3次，请明天再来/);

    const ip = freshIp();
    const shared = t.browser(ip);
    for (let i = 0; i < 10; i++) {
      assert.equal((await shared.write('mayor', { phone: `1390000${String(i).padStart(4, '0')}` })).statusCode, 200);
    }
    await refused(() => shared.write('mayor', { phone: '13900009999' }), 422, /该网络24小时内已留言10次，请明天再来/);
    const en = t.browser(ip, { 'accept-language': 'en' });
    await refused(() => en.write('mayor', { phone: '13900009998' }), 422, /This network has sent 10 messages in 24 hours/);
  });

  it('pictures: at most 5 MB each, JPEG/PNG/WebP by content, at most five', async () => {
    const b = t.browser(freshIp());
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 1)]);
    await refused(() => b.write('mayor', { phone: '13800000010' }, [{ filename: 'big.png', contentType: 'image/png', data: big }]), 422, /图片“big.png”超过5 MB/);
    await refused(() => b.write('mayor', { phone: '13800000011' }, [{ filename: 'photo.jpg', contentType: 'image/jpeg', data: Buffer.from('just some text, not a picture\n') }]),
      422, /文件“photo.jpg”不是 JPEG、PNG 或 WebP 图片/);
    await refused(() => b.write('mayor', { phone: '13800000012' }, [{ filename: 'x.svg', contentType: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }]),
      422, /不是 JPEG、PNG 或 WebP 图片/);
    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `p${i}.png`, contentType: 'image/png', data: PNG }));
    await refused(() => b.write('mayor', { phone: '13800000013' }, six), 422, /最多上传5张图片/);
    const five = await b.write('mayor', { phone: '13800000014' }, six.slice(0, 5));
    assert.equal(five.statusCode, 200);
  });

  it('an unknown or inactive board has no form', async () => {
    const b = t.browser(freshIp());
    assert.equal((await b.get('/board/nope/write')).statusCode, 404);
    await t.tdb.db.updateTable('boards').set({ active: false }).where('key', '=', 'cb-head').execute();
    assert.equal((await b.get('/board/cb-head/write')).statusCode, 404);
    assert.equal((await b.get('/board/cb-head')).statusCode, 404);
  });
});
