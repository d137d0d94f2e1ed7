import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { assertSchema, get311, jsonOf, keysOf, newKey, post311, serviceCode, xmlOf } from './support.ts';

/** The element names of a request, in the spec's order. */
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode',
  'lat', 'long', 'media_url',
];
const ISO_SHANGHAI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

/**
 * POST and GET service requests end to end: a POST makes a real case, the
 * GETs show it in both formats without any personal data, and every filter
 * of the spec narrows the search.
 */
describe('Open311 service requests', () => {
  let t: TestApp;
  let key: string;
  let road: string;
  let noise: string;
  const citizen = { first_name: '建国', last_name: '陈', phone: '13800138000', email: 'chen.jianguo@example.com' };

  before(async () => {
    t = await startTestApp();
    key = await newKey(t);
    road = await serviceCode(t, '道路破损');
    noise = await serviceCode(t, '社会生活噪声');
  });
  after(async () => { await t?.close(); });

  const submit = async (fields: Record<string, string | number | string[] | undefined>, fmt: 'json' | 'xml' = 'json') => {
    const res = await post311(t, fmt, { api_key: key, service_code: road, lat: 30.2741, long: 120.1551, ...fields });
    assert.equal(res.statusCode, 200, res.body);
    return fmt === 'json' ? jsonOf(res)[0].service_request_id as string : xmlOf(res).service_requests.request[0].service_request_id as string;
  };
  const caseRow = (number: string) => t.tdb.db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

  describe('POST requests', () => {
    it('creates a real case through intake, channel open311, and answers [{service_request_id, service_notice}] at once', async () => {
      const res = await post311(t, 'json', {
        api_key: key, jurisdiction_id: 'anlan.gov.cn', service_code: road, lat: '30.2741', long: '120.1551',
        address_string: '澜城区人民路与解放路路口', description: '路口有一个大坑，已经有电动车摔倒。\n请尽快修补。',
        media_url: 'https://img.example.com/pothole.jpg', device_id: 'dev-1', account_id: 'acct-9', ...citizen,
        'attribute[appeal_type]': 'complaint', 'attribute[urgency]': 'urgent', 'attribute[region]': 'cb',
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = jsonOf(res);
      assert.ok(Array.isArray(body) && body.length === 1, res.body);
      assert.deepEqual(Object.keys(body[0]), ['service_request_id', 'service_notice']);
      assert.equal(typeof body[0].service_request_id, 'string');
      assert.match(body[0].service_request_id, /^TS\d{4}-\d{6}$/, 'the id is the case number');
      assert.ok(!('token' in body[0]), 'a realtime service returns the id, never also a token');

      const c = await caseRow(body[0].service_request_id);
      assert.equal(c.channel, 'open311');
      assert.equal(c.state, 'received');
      assert.equal(c.categoryId, Number(road));
      assert.equal(c.type, 'complaint');
      assert.equal(c.urgency, 'urgent');
      assert.equal(c.regionUnitId, t.org.units['cb']);
      assert.equal(c.citizenName, '陈建国');
      assert.equal(c.citizenPhone, '13800138000');
      assert.equal(c.address, '澜城区人民路与解放路路口');
      assert.equal(c.lat, 30.2741);
      assert.equal(c.lng, 120.1551);
      assert.equal(c.title, '路口有一个大坑，已经有电动车摔倒。');
      assert.match(c.content, /请尽快修补。/);
      assert.match(c.content, /https:\/\/img\.example\.com\/pothole\.jpg/, 'staff see the media URL');

      const extra = await t.tdb.db.selectFrom('open311Requests').selectAll().where('caseId', '=', c.id).executeTakeFirstOrThrow();
      assert.equal(extra.email, citizen.email);
      assert.equal(extra.deviceId, 'dev-1');
      assert.equal(extra.accountId, 'acct-9');
      assert.match(extra.token, /^[0-9a-f]{32}$/);

      const history = await t.tdb.db.selectFrom('caseHistory as h').innerJoin('users as u', 'u.id', 'h.actorUserId')
        .select(['h.action', 'u.username', 'u.active']).where('h.caseId', '=', c.id).execute();
      assert.deepEqual(history, [{ action: 'create', username: 'system.open311', active: false }], 'intake acts as the Open311 system account, which cannot log in');
      const outbox = await t.tdb.db.selectFrom('outbox').select(['eventType']).where('caseId', '=', c.id).execute();
      assert.deepEqual(outbox.map((o) => o.eventType), ['case.created'], 'notifications and the citizen SMS go through the outbox');
    });

    it('answers in XML as <service_requests><request><service_request_id/><service_notice/>', async () => {
      const description = '楼下广场舞<音响>太吵 & "鼓"也响';
      const res = await post311(t, 'xml', { api_key: key, service_code: noise, address_string: '乙一街道幸福里 3 号楼', description });
      assert.equal(res.statusCode, 200, res.body);
      const doc = xmlOf(res);
      assert.deepEqual(keysOf(doc), ['service_requests']);
      const [request] = doc.service_requests.request;
      assert.deepEqual(Object.keys(request), ['service_request_id', 'service_notice']);
      const c = await caseRow(request.service_request_id);
      assert.equal(c.type, 'help', 'the default appeal type');
      assert.equal(c.urgency, 'normal');
      assert.equal(c.lat, null);
      const [shown] = xmlOf(await get311(t, `requests/${request.service_request_id}.xml`)).service_requests.request;
      assert.equal(shown.description, description, 'markup characters are escaped in XML and read back unchanged');
    });

    it('takes a location as address_id alone, and no description at all', async () => {
      const id = await submit({ lat: undefined, long: undefined, address_id: 'ADDR-7781' });
      const c = await caseRow(id);
      assert.equal(c.title, '道路破损');
      assert.match(c.content, /ADDR-7781/);
      const [r] = jsonOf(await get311(t, `requests/${id}.json`));
      assert.equal(r.address_id, 'ADDR-7781');
      assert.equal(r.description, null);
      assert.equal(r.address, null);
      assert.equal(r.lat, null);
    });
  });

  describe('GET requests/{id}', () => {
    let id: string;
    const description = '我是陈建国，小区门口井盖缺失，晚上很危险。有事打我电话 13912345678 或邮件 cjg@mail.example.cn，身份证110101199003077512。';

    before(async () => {
      id = await submit({ ...citizen, description, address_string: '甲一镇人民路 8 号门口', media_url: 'http://img.example.com/a.png' });
    });

    it('shows the request in JSON with every field of the spec, valid against requests.json', async () => {
      const res = await get311(t, `requests/${id}.json`);
      assert.equal(res.statusCode, 200, res.body);
      const body = jsonOf(res);
      assertSchema('requests.json', body);
      assert.equal(body.length, 1);
      const [r] = body;
      assert.deepEqual(Object.keys(r), REQUEST_FIELDS);
      assert.equal(r.service_request_id, id);
      assert.equal(r.status, 'open');
      assert.match(r.status_notes, /已受理/);
      assert.equal(r.service_code, road);
      assert.equal(r.service_name, '道路破损');
      assert.equal(r.agency_responsible, null, 'no lead unit before dispatch');
      assert.equal(typeof r.service_notice, 'string');
      assert.match(r.requested_datetime, ISO_SHANGHAI);
      assert.match(r.updated_datetime, ISO_SHANGHAI);
      assert.equal(r.expected_datetime, null);
      assert.equal(r.address, '甲一镇人民路 8 号门口');
      assert.equal(r.zipcode, null);
      assert.equal(r.lat, 30.2741);
      assert.equal(r.long, 120.1551);
      assert.equal(r.media_url, 'http://img.example.com/a.png');
    });

    it('never shows the submitter\'s name, phone or e-mail, and redacts personal data written in the description', async () => {
      for (const url of [`requests/${id}.json`, `requests/${id}.xml`, `requests.json?service_request_id=${id}`, 'requests.xml']) {
        const res = await get311(t, url);
        assert.equal(res.statusCode, 200, res.body);
        for (const secret of ['陈建国', '建国', '13800138000', 'chen.jianguo@example.com', '13912345678', 'cjg@mail.example.cn', '110101199003077512']) {
          assert.ok(!res.body.includes(secret), `${url} shows ${secret}`);
        }
      }
      const [r] = jsonOf(await get311(t, `requests/${id}.json`));
      assert.equal(r.description, '我是[姓名已隐去]，小区门口井盖缺失，晚上很危险。有事打我电话 [电话已隐去] 或邮件 [邮箱已隐去]，身份证[证件号已隐去]。');
    });

    it('shows the same request in XML under <service_requests><request> with the spec\'s element names in order', async () => {
      const doc = xmlOf(await get311(t, `requests/${id}.xml`));
      assert.deepEqual(keysOf(doc), ['service_requests']);
      const [r] = doc.service_requests.request;
      assert.deepEqual(Object.keys(r), REQUEST_FIELDS);
      assert.equal(r.service_request_id, id);
      assert.equal(r.status, 'open');
      assert.equal(r.agency_responsible, '', 'an absent value is an empty element');
      assert.equal(r.lat, '30.2741');
      assert.equal(r.long, '120.1551');
    });

    it('follows the case: the lead unit is agency_responsible, its reply deadline expected_datetime; the approved reply becomes status_notes and closed the status', async () => {
      const c = await caseRow(id);
      const ok = async (p: Promise<{ statusCode: number; body: string }>) => { const res = await p; assert.equal(res.statusCode, 200, res.body); };
      await ok(t.act('op', c.id, 'register'));
      await ok(t.act('disp', c.id, 'dispatch', { leadUnitId: t.org.units['ca'] }));
      await ok(t.act('ca.h', c.id, 'sign'));
      const lead = await t.tdb.db.selectFrom('caseAssignments').select('replyDueAt').where('caseId', '=', c.id).where('role', '=', 'lead').executeTakeFirstOrThrow();
      assert.ok(lead.replyDueAt, 'the lead unit has a reply deadline once it signs');
      let [r] = jsonOf(await get311(t, `requests/${id}.json`));
      assert.equal(r.status, 'open');
      assert.equal(r.agency_responsible, '甲县');
      assert.match(r.expected_datetime, ISO_SHANGHAI);
      assert.equal(new Date(r.expected_datetime).getTime(), Math.floor(new Date(lead.replyDueAt!).getTime() / 1000) * 1000);
      assert.match(r.status_notes, /办理中/);

      await ok(t.act('ca.h', c.id, 'draftReply', { note: '已安排维修队更换井盖，如有问题请致电 0571-88886666。' }));
      await ok(t.act('ca.head', c.id, 'signOff'));
      await ok(t.act('rev', c.id, 'approve'));
      [r] = jsonOf(await get311(t, `requests/${id}.json`));
      assert.equal(r.status, 'open', 'open until the callback (回访) closes it');
      assert.equal(r.status_notes, '已安排维修队更换井盖，如有问题请致电 [电话已隐去]。');

      await ok(t.act('rev', c.id, 'recordCallback', { reached: true, resolution: 'resolved', satisfaction: 'satisfied' }));
      [r] = jsonOf(await get311(t, `requests/${id}.json`));
      assert.equal(r.status, 'closed');
      assert.equal(r.service_notice, null);
      const closed = await caseRow(id);
      assert.equal(new Date(r.updated_datetime).getTime(), Math.floor(new Date(closed.closedAt!).getTime() / 1000) * 1000, 'a closed request was last updated when it closed');
    });

    it('shows a rejected request as closed with the reason, and keeps the location exactly as the client gave it', async () => {
      const other = await submit({ address_string: '乙区某路', description: '测试不予受理' });
      const c = await caseRow(other);
      assert.equal((await t.act('op', c.id, 'register', { address: '乙区某路 12 号 3 单元 502 室' })).statusCode, 200);
      assert.equal((await t.act('disp', c.id, 'reject', { reasonCode: 'no_content' })).statusCode, 200);
      const [r] = jsonOf(await get311(t, `requests/${other}.json`));
      assert.equal(r.status, 'closed');
      assert.equal(r.status_notes, '不予受理：诉求内容不清、无法办理');
      assert.equal(r.address, '乙区某路', 'never the finer address staff recorded');
    });

    it('does not show cases from other channels, or confidential ones', async () => {
      const res = await t.call('op', 'POST', '/api/cases', { channel: 'hotline', type: 'help', title: '热线来电', content: '热线来电内容' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((await get311(t, `requests/${res.json().number}.json`)).statusCode, 404);
      const secret = await submit({ description: '保密诉求' });
      await t.tdb.db.updateTable('cases').set({ confidential: true }).where('number', '=', secret).execute();
      assert.equal((await get311(t, `requests/${secret}.json`)).statusCode, 404);
    });
  });

  describe('GET requests (search)', () => {
    let s: TestApp;
    let k: string;
    const ids: Record<string, string> = {};
    const at = (number: string, iso: string) =>
      s.tdb.db.updateTable('cases').set({ receivedAt: new Date(iso) }).where('number', '=', number).execute();

    before(async () => {
      // A separate city, so that the counts below are exact.
      s = await startTestApp();
      k = await newKey(s);
      const [roadCode, noiseCode] = [await serviceCode(s, '道路破损'), await serviceCode(s, '社会生活噪声')];
      const post = async (code: string) => {
        const res = await post311(s, 'json', { api_key: k, service_code: code, address_string: '测试路 1 号', description: '测试' });
        assert.equal(res.statusCode, 200, res.body);
        return jsonOf(res)[0].service_request_id as string;
      };
      ids.roadNew = await post(roadCode);
      ids.noiseNew = await post(noiseCode);
      ids.roadClosed = await post(roadCode);
      ids.roadMay = await post(roadCode);
      ids.roadOld = await post(roadCode);
      const now = Date.now();
      await at(ids.roadNew, new Date(now - 1 * 86_400_000).toISOString());
      await at(ids.noiseNew, new Date(now - 2 * 86_400_000).toISOString());
      await at(ids.roadClosed, new Date(now - 3 * 86_400_000).toISOString());
      await at(ids.roadMay, '2026-05-12T09:30:00+08:00');
      await at(ids.roadOld, new Date(now - 120 * 86_400_000).toISOString());
      const closed = await s.tdb.db.selectFrom('cases').select('id').where('number', '=', ids.roadClosed).executeTakeFirstOrThrow();
      assert.equal((await s.act('op', closed.id, 'answer', { note: '已答复：道路已修复。' })).statusCode, 200);
    });
    after(async () => { await s?.close(); });

    const search = async (query: string) => {
      const res = await s.app.inject({ method: 'GET', url: `/open311/v2/requests.json${query}` });
      assert.equal(res.statusCode, 200, res.body);
      const body = jsonOf(res);
      assertSchema('requests.json', body);
      return body.map((r: any) => r.service_request_id) as string[];
    };

    it('lists the last 90 days by default, newest first', async () => {
      assert.deepEqual(await search(''), [ids.roadNew, ids.noiseNew, ids.roadClosed]);
    });

    it('filters by status: open, closed, or both', async () => {
      assert.deepEqual(await search('?status=open'), [ids.roadNew, ids.noiseNew]);
      assert.deepEqual(await search('?status=closed'), [ids.roadClosed]);
      assert.deepEqual(await search('?status=open,closed'), [ids.roadNew, ids.noiseNew, ids.roadClosed]);
      assert.deepEqual(await search('?status=open&status=closed'), [ids.roadNew, ids.noiseNew, ids.roadClosed]);
      assert.deepEqual(await search('?status='), [ids.roadNew, ids.noiseNew, ids.roadClosed], 'an empty parameter counts as absent');
    });

    it('filters by service_code, one or a comma list', async () => {
      const [roadCode, noiseCode] = [await serviceCode(s, '道路破损'), await serviceCode(s, '社会生活噪声')];
      assert.deepEqual(await search(`?service_code=${noiseCode}`), [ids.noiseNew]);
      assert.deepEqual(await search(`?service_code=${roadCode}`), [ids.roadNew, ids.roadClosed]);
      assert.deepEqual(await search(`?service_code=${roadCode},${noiseCode}`), [ids.roadNew, ids.noiseNew, ids.roadClosed]);
      assert.deepEqual(await search('?service_code=999999'), []);
      assert.deepEqual(await search(`?service_code=${noiseCode}&status=closed`), []);
    });

    it('filters by start_date and end_date (ISO 8601 with a time zone; a date alone is a day in Shanghai)', async () => {
      assert.deepEqual(await search('?start_date=2026-05-12T00:00:00%2B08:00&end_date=2026-05-12T23:59:59%2B08:00'), [ids.roadMay]);
      assert.deepEqual(await search('?start_date=2026-05-12T01:30:00Z&end_date=2026-05-12T01:30:00Z'), [ids.roadMay], 'the same instant written in UTC');
      assert.deepEqual(await search('?start_date=2026-05-12T09:30:01%2B08:00&end_date=2026-05-13T00:00:00%2B08:00'), []);
      assert.deepEqual(await search('?start_date=2026-05-12&end_date=2026-05-12'), [ids.roadMay]);
      assert.deepEqual(await search('?start_date=2026-05-12T00:00:00+08:00&end_date=2026-05-13'), [ids.roadMay], 'a + sent unencoded arrives as a space');
      assert.deepEqual(await search('?start_date=2026-05-01T00:00:00Z'), [ids.roadMay], 'a start alone spans 90 days from it');
      const end = new Date(Date.now() - 100 * 86_400_000).toISOString();
      assert.deepEqual(await search(`?end_date=${end}`), [ids.roadOld], 'an end alone spans the 90 days before it');
    });

    it('takes a comma list of service_request_id that overrides every other parameter', async () => {
      const list = [ids.roadOld, ids.noiseNew, 'TS2026-999999'].join(',');
      assert.deepEqual(await search(`?service_request_id=${list}`), [ids.noiseNew, ids.roadOld]);
      assert.deepEqual(await search(`?service_request_id=${list}&status=closed&service_code=1&start_date=2000-01-01`), [ids.noiseNew, ids.roadOld]);
    });

    it('pages with the page and page_size extension', async () => {
      assert.deepEqual(await search('?page_size=2'), [ids.roadNew, ids.noiseNew]);
      assert.deepEqual(await search('?page_size=2&page=2'), [ids.roadClosed]);
      assert.deepEqual(await search('?page_size=2&page=3'), []);
    });

    it('answers the search in XML: <service_requests> with one <request> per match, or none', async () => {
      const res = await s.app.inject({ method: 'GET', url: '/open311/v2/requests.xml?status=closed' });
      assert.equal(res.statusCode, 200, res.body);
      const doc = xmlOf(res);
      assert.deepEqual(keysOf(doc), ['service_requests']);
      const requests = doc.service_requests.request;
      assert.equal(requests.length, 1);
      assert.deepEqual(Object.keys(requests[0]), REQUEST_FIELDS);
      assert.equal(requests[0].status, 'closed');
      assert.equal(requests[0].status_notes, '已答复：道路已修复。');
      const none = xmlOf(await s.app.inject({ method: 'GET', url: '/open311/v2/requests.xml?service_code=999999' }));
      assert.deepEqual(keysOf(none), ['service_requests']);
      assert.equal(none.service_requests, '');
    });
  });

  describe('GET tokens/{token}', () => {
    it('gives the request id for the token kept with every request, in both formats', async () => {
      const id = await submit({ description: '令牌测试' });
      const { token } = await t.tdb.db.selectFrom('open311Requests as o').innerJoin('cases as c', 'c.id', 'o.caseId')
        .select('o.token').where('c.number', '=', id).executeTakeFirstOrThrow();
      const json = jsonOf(await get311(t, `tokens/${token}.json`));
      assert.deepEqual(json, [{ service_request_id: id, token }]);
      const doc = xmlOf(await get311(t, `tokens/${token}.xml`));
      assert.deepEqual(doc.service_requests.request, [{ service_request_id: id, token }]);
    });
  });
});
