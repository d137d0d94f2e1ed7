import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { logDriver } from '../../src/modules/notification/sms.drivers.ts';
import { runSmsSend } from '../../src/modules/notification/sms.job.ts';
import { PNG, startBoardApp, textOf, type BoardTestApp } from './support.ts';

/**
 * The whole way of a board post over HTTP: code by SMS → post → moderation →
 * dispatch → reply → approval → publication → lookup and rating; and what
 * the public pages and JSON never show.
 */
describe('a message to the mayor, from the form to the published reply', () => {
  let t: BoardTestApp;
  before(async () => { t = await startBoardApp(); });
  after(async () => { await t.close(); });

  const secrets = ['13800138000', '13912345678', '110101199003078515', 'chen.jianguo@example.com', '陈建国', '下午三点后方便接电话'];
  const ok = async (p: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
    const res = await p;
    assert.equal(res.statusCode, status, res.body.slice(0, 500));
    return res;
  };

  it('goes through moderation and the case lifecycle, and the public sees only what may be published', async () => {
    const b = t.browser('198.51.100.20');

    // The boards page and the form are plain HTML without any script.
    const index = await ok(b.get('/board'));
    assert.match(index.body, /测试市市长/);
    assert.match(index.body, /甲县委书记/);
    const form = await ok(b.get('/board/mayor/write'));
    assert.doesNotMatch(form.body, /<script/i);
    assert.match(form.body, /<form method="post" action="\/board\/mayor\/write" enctype="multipart\/form-data">/);
    assert.match(form.body, /name="_csrf" value="[A-Za-z0-9_-]{43}"/);
    assert.match(form.body, /formaction="\/board\/mayor\/code"/, 'the code step is a plain submit button');

    // The code goes through the SMS outbox; the log driver writes it to the SMS log.
    const code = await b.requestCode('mayor', '13800138000');
    assert.match(code, /^\d{6}$/);
    const stored = await t.tdb.db.selectFrom('boardSmsCodes').select(['codeHash', 'expiresAt', 'createdAt']).executeTakeFirstOrThrow();
    assert.doesNotMatch(stored.codeHash, new RegExp(code), 'only a hash of the code is stored');
    assert.equal(stored.expiresAt.getTime() - stored.createdAt.getTime(), 300_000);
    const smsLog = path.join(t.dataDir, 'sms.log');
    await runSmsSend(t.tdb.db, logDriver({ file: smsLog }));
    assert.match(fs.readFileSync(smsLog, 'utf8'), new RegExp(`"phone":"13800138000".*验证码为${code}`));

    const content = '我是陈建国，住在甲一村。东侧工地每晚十一点后仍在施工，噪音很大。联系电话13800138000，' +
      '身份证号110101199003078515，邮箱chen.jianguo@example.com。请领导关心。';
    const submitted = await ok(b.post('/board/mayor/write', {
      type: 'complaint', domain: 'construction', region: 'ca', title: '甲一村工地夜间施工扰民', content,
      name: '陈建国', phone: '13800138000', code, remark: '下午三点后方便接电话',
    }, [{ filename: 'site.png', contentType: 'image/png', data: PNG }]));
    const number = /(TS\d{4}-\d{6})/.exec(submitted.body)![1];
    const queryCode = /<dt>查询码<\/dt><dd><strong>(\d{6})<\/strong>/.exec(submitted.body)![1];

    // A case through the real intake, as the board intake account, and a pending post with the original kept.
    const c = await t.tdb.db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    assert.equal(c.channel, 'board');
    assert.equal(c.leaderKey, 'mayor');
    assert.equal(c.state, 'received');
    assert.equal(c.type, 'complaint');
    assert.equal(c.citizenPhone, '13800138000');
    assert.equal(c.regionUnitId, t.org.units.ca);
    const intake = await t.tdb.db.selectFrom('users').select(['id', 'username']).where('id', '=', c.createdBy!).executeTakeFirstOrThrow();
    assert.equal(intake.username, 'board-intake');
    const post = await t.tdb.db.selectFrom('boardPosts').selectAll().where('caseId', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(post.status, 'pending');
    assert.equal(post.originalContent, content);
    assert.equal(post.displayName, '陈**');
    assert.equal(post.hiddenRemark, '下午三点后方便接电话');
    const attachment = await t.tdb.db.selectFrom('attachments').selectAll().where('caseId', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(attachment.mimeType, 'image/png');
    assert.match(attachment.fileName, /^[0-9a-f]{32}\.png$/);
    assert.deepEqual(fs.readFileSync(path.join(t.dataDir, 'uploads', attachment.fileName)), PNG);
    const receipt = await t.tdb.db.selectFrom('outbox').select('eventType').where('caseId', '=', c.id).execute();
    assert.deepEqual(receipt.map((e) => e.eventType), ['case.created'], 'the intake SMS receipt rides the outbox as for every case');

    // 先审后发: nothing public yet.
    assert.equal((await ok(t.app.inject({ url: '/api/public/board/posts' }))).json().total, 0);
    assert.doesNotMatch((await ok(b.get('/board/mayor'))).body, /工地夜间施工扰民/);
    assert.equal((await t.app.inject({ url: `/board/posts/${post.id}` })).statusCode, 404);

    // Moderation: operators and dispatchers; others are refused.
    assert.equal((await t.staff('ca.h', 'GET', '/api/board/moderation')).statusCode, 403);
    const queue = (await ok(t.staff('op', 'GET', '/api/board/moderation'))).json();
    assert.equal(queue.total, 1);
    const item = queue.items[0];
    assert.equal(item.citizen.phone, '13800138000', 'moderators see who wrote');
    assert.equal(item.hiddenRemark, '下午三点后方便接电话');
    assert.equal(item.images.length, 1);
    const staffImage = await t.staff('op', 'GET', item.images[0].url);
    assert.equal(staffImage.headers['content-type'], 'image/png');
    assert.doesNotMatch(item.suggested.content, /13800138000|110101199003078515|chen\.jianguo|陈建国/);
    const published = (await ok(t.staff('disp', 'POST', `/api/board/posts/${post.id}/publish`, {}))).json();
    assert.equal(published.status, 'published');
    assert.equal(published.original.content, content, 'the original is kept untouched');
    assert.match(published.published.content, /我是陈\*\*，住在甲一村.*【电话已隐去】.*【证件号已隐去】.*【邮箱已隐去】/);

    // The case goes its ordinary way: register, dispatch, sign, reply, sign-off, approval.
    const act = async (user: string, action: string, body: Record<string, unknown> = {}) => {
      const { version } = await t.tdb.db.selectFrom('cases').select('version').where('id', '=', c.id).executeTakeFirstOrThrow();
      return ok(t.staff(user, 'POST', `/api/cases/${c.id}/${action}`, { version, ...body }));
    };
    await act('op', 'register');
    await act('disp', 'dispatch', { leadUnitId: t.org.units.ca });
    await act('ca.h', 'sign');
    const html1 = (await ok(b.get(`/board/posts/${post.id}`))).body;
    assert.match(html1, /办理中/, 'state 办理中 while the unit handles it');
    await act('ca.h', 'draftReply', { note: '陈建国您好：经查，施工方已停止夜间施工。如有问题请拨打13912345678或0359-1234567。' });
    await act('ca.head', 'signOff');
    await act('rev', 'approve');

    // The public page and its JSON twin: masked name, redacted text and reply, unit and time; no secrets.
    const page = await ok(b.get(`/board/posts/${post.id}`));
    assert.doesNotMatch(page.body, /<script/i);
    const text = textOf(page.body);
    assert.match(text, /甲一村工地夜间施工扰民/);
    assert.match(text, /陈\*\*/);
    assert.match(text, /已办理/);
    assert.match(text, /施工方已停止夜间施工/);
    assert.match(text, /甲县/, 'the replying unit');
    assert.match(page.body, /<time datetime="\d{4}-\d{2}-\d{2}T/);
    assert.match(page.body, /<img class="photo" src="\/board\/images\/[0-9a-f]{32}\.png"/);
    const json = (await ok(t.app.inject({ url: `/api/public/board/posts/${post.id}` }))).json();
    assert.equal(json.writer, '陈**');
    assert.equal(json.state, 'done');
    assert.equal(json.reply.unit, '甲县');
    assert.ok(json.reply.at);
    assert.match(json.reply.content, /陈\*\*您好/);
    const list = (await ok(t.app.inject({ url: '/api/public/board/boards/mayor/posts' }))).json();
    assert.equal(list.total, 1);
    assert.deepEqual(list.items[0], json, 'the list and the detail carry the same fields');
    for (const body of [page.body, JSON.stringify(json), JSON.stringify(list), (await ok(b.get('/board/mayor'))).body, (await ok(b.get('/board'))).body,
      (await ok(t.app.inject({ url: '/api/public/board/boards' }))).body]) {
      for (const s of secrets) assert.ok(!body.includes(s), `public output contains ${s}`);
      assert.ok(!body.includes(number), 'no case number (it goes with the query code)');
    }

    // The picture is served with its checked type and nosniff.
    const imageUrl = json.images[0].url as string;
    const image = await t.app.inject({ url: imageUrl });
    assert.equal(image.statusCode, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.equal(image.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(image.rawPayload, PNG);

    // The citizen looks the case up and rates it, once; the marks appear on the public page.
    const lookup = await ok(b.post('/lookup', { number, code: queryCode }));
    assert.match(lookup.body, /施工方已停止夜间施工/);
    assert.match(lookup.body, /已交办承办单位/);
    assert.doesNotMatch(lookup.body, /ca\.h|ca\.head|\brev\b/, 'no staff names');
    const rated = await ok(b.post('/lookup/rate', { number, code: queryCode, resolution: '5', attitude: '4', speed: '3', comment: '谢谢' }));
    assert.match(rated.body, /感谢您的评价/);
    const afterRating = (await ok(t.app.inject({ url: `/api/public/board/posts/${post.id}` }))).json();
    assert.deepEqual(afterRating.marks, { resolution: 5, attitude: 4, speed: 3 });
    assert.match(textOf((await ok(b.get(`/board/posts/${post.id}`))).body), /解决程度 5 分/);
    const boards = (await ok(t.app.inject({ url: '/api/public/board/boards/mayor' }))).json();
    assert.deepEqual(boards.figures, {
      messages: 1, replies: 1, replyRate: 1, rated: 1, satisfactionRate: 1,
      averageMarks: { resolution: 5, attitude: 4, speed: 3 },
    });

    // Rejecting publication takes it off the public pages; the case is untouched.
    await ok(t.staff('op', 'POST', `/api/board/posts/${post.id}/reject`, { reason: '涉及个人隐私' }));
    assert.equal((await t.app.inject({ url: `/api/public/board/posts/${post.id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: imageUrl })).statusCode, 404, 'its pictures go too');
  });
});
