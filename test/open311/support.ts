import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { createApiKey } from '../../src/modules/apikey/apikey.commands.ts';
import type { TestApp } from '../support/http.ts';

/** Helpers for the Open311 tests: form bodies, XML read back, JSON checked against the Open311 project's schemas. */

export const BASE = '/open311/v2';
export type Fmt = 'json' | 'xml';

/** application/x-www-form-urlencoded, as Open311 clients send it; arrays repeat the key. */
export function form(fields: Record<string, string | number | string[] | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
  }
  return parts.join('&');
}

export function post311(t: TestApp, fmt: Fmt, fields: Record<string, string | number | string[] | undefined>) {
  return t.app.inject({
    method: 'POST', url: `${BASE}/requests.${fmt}`, payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
}

export function get311(t: TestApp, pathAndQuery: string) {
  return t.app.inject({ method: 'GET', url: `${BASE}/${pathAndQuery}` });
}

/** Elements that repeat in GeoReport v2 XML: always read as arrays. */
const repeated = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: false, isArray: (name) => repeated.has(name) });

/** Parses an XML response after checking its content type and declaration. */
export function xmlOf(res: LightMyRequestResponse): any {
  assert.equal(res.headers['content-type'], 'text/xml; charset=utf-8', res.body);
  assert.ok(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>'), res.body.slice(0, 80));
  assert.doesNotMatch(res.body, /xmlns/);
  return parser.parse(res.body);
}

export function jsonOf(res: LightMyRequestResponse): any {
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', res.body);
  return JSON.parse(res.body);
}

/** The elements of an XML object, in document order. */
export function keysOf(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => k !== '?xml');
}

const ajv = new Ajv.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const schemaDir = path.join(import.meta.dirname, 'schema');
for (const name of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json']) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8')), name);
}

/** Asserts that `data` validates against one of the Open311 project's schemas. */
export function assertSchema(name: 'requests.json' | 'services.json' | 'service-definition.json' | 'request.json', data: unknown) {
  const validate = ajv.getSchema(name)!;
  assert.ok(validate(data), `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(data).slice(0, 400)}`);
}

/** A fresh API key for a test client. */
export async function newKey(t: TestApp, rateLimitPerMinute = 1000) {
  return (await createApiKey(t.tdb.db, { name: `test client ${Math.random()}`, rateLimitPerMinute })).key;
}

/** Open311 error bodies in both formats, read into [{code, description}]. */
export function errorsOf(res: LightMyRequestResponse, fmt: Fmt): { code: number; description: string }[] {
  if (fmt === 'json') {
    const body = jsonOf(res);
    assert.ok(Array.isArray(body), res.body);
    return body;
  }
  const doc = xmlOf(res);
  assert.deepEqual(keysOf(doc), ['errors'], res.body);
  return doc.errors.error.map((e: any) => {
    assert.deepEqual(Object.keys(e), ['code', 'description']);
    return { code: Number(e.code), description: e.description };
  });
}

/** Asserts an Open311 error: the HTTP status, the spec's body in the asked format, and a description matching `pattern`. */
export function assertOpen311Error(res: LightMyRequestResponse, fmt: Fmt, status: number, pattern: RegExp) {
  assert.equal(res.statusCode, status, res.body);
  const errors = errorsOf(res, fmt);
  assert.ok(errors.length >= 1, res.body);
  for (const e of errors) {
    assert.equal(e.code, status, res.body);
    assert.equal(typeof e.description, 'string');
  }
  assert.ok(errors.some((e) => pattern.test(e.description)), `${pattern} in ${res.body}`);
  assert.doesNotMatch(res.body, /\bat\s+\S+\s+\(?[^\s()]*:\d+:\d+|SELECT|node_modules/, 'no stack or SQL leaks');
}

/** The service code of an active level-3 category, by its name. */
export async function serviceCode(t: TestApp, name: string): Promise<string> {
  const row = await t.tdb.db.selectFrom('categories').select('id').where('name', '=', name).where('level', '=', 3).executeTakeFirstOrThrow();
  return String(row.id);
}
