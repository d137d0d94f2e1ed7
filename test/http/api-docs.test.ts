import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { caseActions } from '../../src/domain/lifecycle.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown> }>;
  responses?: Record<string, unknown>;
  summary?: string;
}
type Paths = Record<string, Record<string, Operation>>;

/** The API describes itself (OpenAPI, /docs), says when it is ready, and answers unknown addresses plainly. */
describe('API documentation and meta routes', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(async () => { await t.close(); });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  /** Follows redirects the way a browser would, up to five hops. */
  async function follow(url: string): Promise<LightMyRequestResponse> {
    let res = await get(url);
    for (let hops = 0; hops < 5 && res.statusCode >= 300 && res.statusCode < 400; hops++) {
      const location = res.headers.location;
      assert.ok(typeof location === 'string', `a ${res.statusCode} without a Location`);
      res = await get(new URL(location, `http://localhost${url}`).pathname);
    }
    return res;
  }

  it('serves a valid OpenAPI 3 document at /openapi.json without logging in', async () => {
    const res = await get('/openapi.json');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /application\/json/);
    const doc = res.json();
    assert.match(doc.openapi, /^3\.\d+\.\d+$/);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.info?.version, 'string');
    assert.equal(typeof doc.paths, 'object');
    // Every operation has responses, and every path template's parameters are declared.
    for (const [path, ops] of Object.entries(doc.paths as Paths)) {
      assert.ok(path.startsWith('/'), path);
      assert.doesNotMatch(path, /:\w+/, `Fastify-style parameter left in ${path}`);
      for (const [method, op] of Object.entries(ops)) {
        assert.ok(['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(method), `${method} ${path}`);
        assert.ok(op.responses && Object.keys(op.responses).length > 0, `${method} ${path} has no responses`);
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
          assert.ok(p, `${method} ${path} does not declare {${name}}`);
          assert.equal(p.required, true, `${method} ${path}: {${name}} is required`);
        }
      }
    }
    assert.ok(doc.components?.securitySchemes?.session, 'the session cookie is described');
  });

  it('documents /api/cases and every /api/cases/{id}/<action> with a request body schema', async () => {
    const doc = (await get('/openapi.json')).json();
    const paths = doc.paths as Paths;

    const list = paths['/api/cases'];
    assert.ok(list?.get, 'GET /api/cases');
    assert.ok(list?.post, 'POST /api/cases');
    const createSchema = list.post.requestBody?.content?.['application/json']?.schema as
      { properties?: Record<string, unknown>; required?: string[] } | undefined;
    assert.ok(createSchema?.properties, 'POST /api/cases has a body schema');
    for (const field of ['channel', 'type', 'title', 'content', 'citizenPhone', 'regionUnitId', 'categoryId']) {
      assert.ok(field in createSchema.properties, `body property ${field}`);
    }
    assert.deepEqual([...(createSchema.required ?? [])].sort(), ['channel', 'content', 'title', 'type']);
    assert.ok(list.post.responses?.['201'], 'POST /api/cases documents 201');
    assert.ok(paths['/api/cases/{id}']?.get, 'GET /api/cases/{id}');

    for (const action of caseActions) {
      const path = `/api/cases/{id}/${action}`;
      const op = paths[path]?.post;
      assert.ok(op, `POST ${path} is documented`);
      const schema = op.requestBody?.content?.['application/json']?.schema as
        { type?: string; properties?: Record<string, unknown>; required?: string[]; additionalProperties?: unknown } | undefined;
      assert.ok(schema, `POST ${path} has a request body schema`);
      assert.equal(schema.type, 'object', path);
      assert.ok(schema.properties && 'version' in schema.properties, `${path} body has version`);
      assert.ok(schema.required?.includes('version'), `${path} requires version`);
      assert.equal(schema.additionalProperties, false, `${path} refuses unknown fields`);
      assert.ok(op.summary, `${path} has a summary`);
      for (const status of ['200', '400', '401', '403', '404', '409']) {
        assert.ok(op.responses?.[status], `${path} documents ${status}`);
      }
    }
    // The action-specific fields are in the schemas.
    const bodyOf = (action: string) =>
      paths[`/api/cases/{id}/${action}`].post.requestBody!.content!['application/json'].schema as { properties: Record<string, unknown>; required: string[] };
    assert.ok(bodyOf('dispatch').required.includes('leadUnitId'));
    assert.ok('assistUnitIds' in bodyOf('dispatch').properties);
    assert.ok(bodyOf('subDispatch').required.includes('unitIds'));
    assert.ok(bodyOf('reject').required.includes('reasonCode'));
    assert.ok(bodyOf('merge').required.includes('intoCaseId'));
    assert.ok(bodyOf('recordCallback').required.includes('reached'));

    // No undocumented action routes either: every documented action (a POST; GETs like /duplicates read) is a lifecycle action.
    const documented = Object.keys(paths)
      .filter((p) => paths[p].post)
      .map((p) => /^\/api\/cases\/\{id\}\/(\w+)$/.exec(p)?.[1])
      .filter((a): a is string => Boolean(a));
    assert.deepEqual(documented.sort(), [...caseActions].sort());
  });

  it('documents the auth and organisation routes too', async () => {
    const paths = (await get('/openapi.json')).json().paths as Paths;
    for (const [path, method] of [
      ['/api/auth/login', 'post'], ['/api/auth/logout', 'post'], ['/api/me', 'get'],
      ['/api/units', 'get'], ['/api/units', 'post'], ['/api/units/{id}/history', 'get'],
      ['/api/users', 'post'],
    ] as const) {
      assert.ok(paths[path]?.[method], `${method.toUpperCase()} ${path}`);
    }
  });

  it('serves the browsable documentation at /docs without logging in', async () => {
    const res = await follow('/docs');
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /<html/i);
    assert.match(res.body, /swagger/i);
  });

  it('GET /healthz answers 200 JSON with status ok, without logging in', async () => {
    const res = await get('/healthz');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /application\/json/);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.database, 'ok');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND, logged in or not', async () => {
    for (const [method, url] of [['GET', '/nope'], ['GET', '/api/nothing-here'], ['POST', '/api/cases/1/fly'], ['DELETE', '/api/cases/1']] as const) {
      for (const user of [null, 'op']) {
        const cookie = user ? await t.cookieOf(user) : undefined;
        const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {} });
        assert.equal(res.statusCode, 404, `${method} ${url} as ${user}: ${res.body}`);
        assert.equal(res.json().error.code, 'ROUTE_NOT_FOUND');
        assert.match(res.json().error.message, /[\u4e00-\u9fff]/);
      }
    }
    const en = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'accept-language': 'en' } });
    assert.deepEqual(en.json(), { error: { code: 'ROUTE_NOT_FOUND', message: 'No such address' } });
  });
});
