import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/http.ts';
import { assertOpen311Error, assertSchema, get311, jsonOf, keysOf, newKey, post311, serviceCode, xmlOf, type Fmt } from './support.ts';

/**
 * GeoReport v2 discovery, service list and service definitions, read as a
 * client reads them: both formats, the spec's element names, the Open311
 * project's JSON Schemas.
 */
describe('Open311 discovery and services', () => {
  let t: TestApp;
  let activeLeaves: { id: number; name: string; level1: string }[];

  before(async () => {
    t = await startTestApp();
    activeLeaves = await t.tdb.db
      .selectFrom('categories as c3')
      .innerJoin('categories as c2', 'c2.id', 'c3.parentId')
      .innerJoin('categories as c1', 'c1.id', 'c2.parentId')
      .select(['c3.id', 'c3.name', 'c1.name as level1'])
      .where('c3.level', '=', 3)
      .where('c3.active', '=', true)
      .orderBy('c3.sort')
      .execute();
  });
  after(async () => { await t?.close(); });

  describe('discovery', () => {
    it('answers discovery.json with changeset, contact, key_service and a production v2 endpoint in both formats', async () => {
      const res = await get311(t, 'discovery.json');
      assert.equal(res.statusCode, 200, res.body);
      const d = jsonOf(res);
      assert.deepEqual(Object.keys(d), ['changeset', 'contact', 'key_service', 'endpoints']);
      assert.match(d.changeset, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      assert.ok(new Date(d.changeset) < new Date(), 'the changeset is in the past');
      assert.ok(d.contact.length > 0 && d.key_service.length > 0);
      assert.equal(d.endpoints.length, 1);
      const [e] = d.endpoints;
      assert.deepEqual(Object.keys(e), ['specification', 'url', 'changeset', 'type', 'formats']);
      assert.equal(e.specification, 'http://wiki.open311.org/GeoReport_v2');
      assert.match(e.url, /^https?:\/\/[^/]+\/open311\/v2$/);
      assert.equal(e.type, 'production');
      assert.deepEqual(e.formats, ['text/xml', 'application/json']);
    });

    it('answers discovery.xml with the same content under <discovery>', async () => {
      const doc = xmlOf(await get311(t, 'discovery.xml'));
      const json = jsonOf(await get311(t, 'discovery.json'));
      assert.deepEqual(keysOf(doc), ['discovery']);
      const d = doc.discovery;
      assert.deepEqual(Object.keys(d), ['changeset', 'contact', 'key_service', 'endpoints']);
      assert.equal(d.contact, json.contact);
      assert.equal(d.key_service, json.key_service);
      assert.deepEqual(Object.keys(d.endpoints), ['endpoint']);
      const [e] = d.endpoints.endpoint;
      assert.deepEqual(Object.keys(e), ['specification', 'url', 'changeset', 'type', 'formats']);
      assert.deepEqual(e.formats.format, ['text/xml', 'application/json']);
      assert.equal(e.url, json.endpoints[0].url);
    });
  });

  describe('services', () => {
    it('lists one realtime service per active level-3 category, grouped by the level-1 name (JSON, valid against services.json)', async () => {
      const res = await get311(t, 'services.json');
      assert.equal(res.statusCode, 200, res.body);
      const services = jsonOf(res);
      assertSchema('services.json', services);
      assert.equal(services.length, activeLeaves.length);
      assert.deepEqual(services.map((s: any) => s.service_code), activeLeaves.map((c) => String(c.id)));
      for (const [i, s] of services.entries()) {
        assert.deepEqual(Object.keys(s), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
        assert.equal(s.service_name, activeLeaves[i].name);
        assert.equal(s.group, activeLeaves[i].level1);
        assert.equal(s.metadata, true);
        assert.equal(s.type, 'realtime');
        assert.equal(typeof s.keywords, 'string');
      }
      const road = services.find((s: any) => s.service_name === '道路破损');
      assert.equal(road.group, '城乡建设');
      assert.equal(road.description, '城乡建设 / 市政设施 / 道路破损');
    });

    it('lists the same services in XML as <services><service>…', async () => {
      const doc = xmlOf(await get311(t, 'services.xml'));
      assert.deepEqual(keysOf(doc), ['services']);
      const services = doc.services.service;
      assert.equal(services.length, activeLeaves.length);
      assert.deepEqual(Object.keys(services[0]), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      assert.equal(services[0].service_code, String(activeLeaves[0].id));
      assert.equal(services[0].metadata, 'true');
      assert.equal(services[0].type, 'realtime');
    });

    it('leaves out a deactivated category, which then has no definition and takes no requests', async () => {
      const code = await serviceCode(t, '公共厕所');
      await t.tdb.db.updateTable('categories').set({ active: false }).where('id', '=', Number(code)).execute();
      try {
        const services = jsonOf(await get311(t, 'services.json'));
        assert.ok(!services.some((s: any) => s.service_code === code));
        assertOpen311Error(await get311(t, `services/${code}.json`), 'json', 404, /service_code/);
        const res = await post311(t, 'json', { api_key: await newKey(t), service_code: code, address_string: '人民路 1 号' });
        assertOpen311Error(res, 'json', 404, new RegExp(`service_code ${code}`));
      } finally {
        await t.tdb.db.updateTable('categories').set({ active: true }).where('id', '=', Number(code)).execute();
      }
    });
  });

  describe('service definitions', () => {
    it('defines three optional single-choice attributes: appeal type, urgency and the district or county (JSON object, valid)', async () => {
      const code = await serviceCode(t, '道路破损');
      const res = await get311(t, `services/${code}.json`);
      assert.equal(res.statusCode, 200, res.body);
      const def = jsonOf(res);
      assertSchema('service-definition.json', def);
      assert.deepEqual(Object.keys(def), ['service_code', 'attributes']);
      assert.equal(def.service_code, code);
      assert.deepEqual(def.attributes.map((a: any) => a.code), ['appeal_type', 'urgency', 'region']);
      for (const [i, a] of def.attributes.entries()) {
        assert.deepEqual(Object.keys(a), ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
        assert.equal(a.variable, true);
        assert.equal(a.datatype, 'singlevaluelist');
        assert.equal(a.required, false);
        assert.equal(a.order, i + 1);
        assert.ok(a.values.length > 0);
      }
      assert.deepEqual(def.attributes[0].values.map((v: any) => v.key), ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'thanks', 'other']);
      assert.deepEqual(def.attributes[1].values.map((v: any) => v.key), ['normal', 'urgent', 'critical']);
      assert.deepEqual(def.attributes[2].values, [{ key: 'ca', name: '甲县' }, { key: 'cb', name: '乙区' }]);
    });

    it('defines the same in XML as <service_definition><attributes><attribute>…<values><value><key/><name/>', async () => {
      const code = await serviceCode(t, '道路破损');
      const doc = xmlOf(await get311(t, `services/${code}.xml`));
      assert.deepEqual(keysOf(doc), ['service_definition']);
      const def = doc.service_definition;
      assert.deepEqual(Object.keys(def), ['service_code', 'attributes']);
      assert.equal(def.service_code, code);
      const attrs = def.attributes.attribute;
      assert.equal(attrs.length, 3);
      assert.deepEqual(Object.keys(attrs[0]), ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
      assert.equal(attrs[0].datatype_description, '');
      assert.equal(attrs[2].code, 'region');
      assert.deepEqual(attrs[2].values.value, [{ key: 'ca', name: '甲县' }, { key: 'cb', name: '乙区' }]);
    });

    for (const fmt of ['json', 'xml'] as Fmt[]) {
      it(`answers 404 in ${fmt} for an unknown service code, a level-1 category or a non-numeric code`, async () => {
        const level1 = await t.tdb.db.selectFrom('categories').select('id').where('level', '=', 1).executeTakeFirstOrThrow();
        for (const code of ['999999', String(level1.id), 'abc']) {
          assertOpen311Error(await get311(t, `services/${code}.${fmt}`), fmt, 404, /service_code/);
        }
      });
    }

    it('answers 404 for a resource without .json or .xml', async () => {
      const code = await serviceCode(t, '道路破损');
      assertOpen311Error(await get311(t, `services/${code}.csv`), 'json', 404, /\.json or \.xml/);
      assertOpen311Error(await get311(t, 'services.html'), 'json', 404, /\.json or \.xml/);
      assertOpen311Error(await get311(t, 'nothing.xml'), 'xml', 404, /Open311 resource/);
    });
  });
});
