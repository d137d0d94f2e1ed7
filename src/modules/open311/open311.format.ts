import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * The two wire formats of GeoReport v2. The resource's extension decides
 * (`services.xml`, `requests/AL2026-000001.json`); XML is schemaless, without
 * a namespace, behind the declaration the spec asks for.
 */
export const formats = ['json', 'xml'] as const;
export type Format = (typeof formats)[number];

export const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format of a resource path ending in `.json` or `.xml` (query string ignored); JSON otherwise. */
export function formatOfUrl(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0]) ? 'xml' : 'json';
}

/** `name.json` → {name, format}; undefined when the extension is neither json nor xml. */
export function splitResource(file: string): { name: string; format: Format } | undefined {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : undefined;
}

/** One error as the spec shows it; `code` usually repeats the HTTP status. */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

/**
 * A refusal in the protocol's own terms: the HTTP status and one or more
 * `{code, description}` items. Thrown by the Open311 routes and parameter
 * parsers; the Open311 scope's error handler renders it.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly errors: Open311ErrorItem[],
    /** Seconds a rate-limited client should wait (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(errors.map((e) => e.description).join('; '));
    this.name = 'Open311Error';
  }

  static of(status: 400 | 403 | 404 | 429, description: string) {
    return new Open311Error(status, [{ code: status, description }]);
  }
}

type Scalar = string | number | boolean | null | undefined;
/** A JSON-shaped value whose arrays become repeated elements in XML. */
export type Tree = Scalar | Tree[] | { [key: string]: Tree };

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, ignoreAttributes: true });

/** Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Nulls become empty elements (`<description></description>`), as in the spec's examples. */
function forXml(value: Tree): Tree {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]));
  return value;
}

/**
 * The XML document: `root` holds one `item` element per entry of `items`,
 * or, when `items` is an object, its fields directly.
 */
export function toXml(root: string, body: Tree): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: forXml(body) })}`;
}

/** Sends `json` as JSON, or `xml()` as XML, with the spec's content types. */
export function sendFormatted(reply: FastifyReply, format: Format, json: unknown, xml: () => string, status = 200) {
  const body = format === 'json' ? JSON.stringify(json) : xml();
  return reply.status(status).header('content-type', contentTypes[format]).send(body);
}

/** An error response: `[{code, description}]` or `<errors><error>…</error></errors>`. */
export function sendErrors(reply: FastifyReply, format: Format, status: number, errors: Open311ErrorItem[]) {
  return sendFormatted(reply, format, errors, () => toXml('errors', { error: errors as unknown as Tree[] }), status);
}
