import { Type, type TSchema } from 'typebox';

/**
 * The Open311 routes' schemas, for validation and the OpenAPI document. They
 * describe the JSON form; the XML form has the same element names (see
 * docs/open311.md). Parameters are text that the route parses itself
 * (open311.params.ts), so that errors come back in the spec's format and an
 * empty parameter counts as absent.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** A parameter given once (text) or several times (a list). */
const Param = (description: string) => Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description }));
/** A form field: text, or anything a JSON body may hold; checked by the route. */
const Field = (description: string) => Type.Optional(Type.Unknown({ description }));

export const jurisdiction = { jurisdiction_id: Param('ignored: this endpoint serves one jurisdiction') };

export const ResourceParams = Type.Object({
  file: Type.String({ description: 'the id followed by .json or .xml, e.g. AL2026-000123.json' }),
});

export const RequestsQuery = Type.Object({
  ...jurisdiction,
  service_request_id: Param('comma-separated request ids; when given, every other parameter is ignored'),
  service_code: Param('comma-separated service codes'),
  start_date: Param('earliest requested_datetime, ISO 8601 with a time zone (a plain date is read in Asia/Shanghai)'),
  end_date: Param('latest requested_datetime; at most 90 days after start_date'),
  status: Param('open, closed, or both (comma-separated)'),
  page: Param('extension: page number, from 1'),
  page_size: Param('extension: requests per page, 1–1000 (default 1000)'),
}, { additionalProperties: true });

export const NewRequestBody = Type.Object({
  api_key: Field('required: the key issued to this client'),
  service_code: Field('required'),
  lat: Field('WGS84 latitude (with long)'),
  long: Field('WGS84 longitude (with lat)'),
  address_string: Field('the address as the submitter wrote it'),
  address_id: Field('an address id of the client\'s addressing system'),
  description: Field('up to 4,000 characters'),
  media_url: Field('http(s) URL of a photo or other media'),
  email: Field('stored with the case, never returned by a GET'),
  first_name: Field('stored with the case, never returned by a GET'),
  last_name: Field('stored with the case, never returned by a GET'),
  phone: Field('stored with the case (the citizen gets an SMS with the number and query code), never returned by a GET'),
  device_id: Field('stored, never returned'),
  account_id: Field('stored, never returned'),
  'attribute[appeal_type]': Field('optional attribute (see the service definition)'),
  'attribute[urgency]': Field('optional attribute'),
  'attribute[region]': Field('optional attribute'),
}, { additionalProperties: true });

export const ErrorList = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), {
  description: 'JSON: [{code, description}]; XML: <errors><error><code/><description/></error></errors>',
});

export const Discovery = Type.Object({
  changeset: Type.String(), contact: Type.String(), key_service: Type.String(),
  endpoints: Type.Array(Type.Object({
    specification: Type.String(), url: Type.String(), changeset: Type.String(), type: Type.String(), formats: Type.Array(Type.String()),
  })),
});

export const Service = Type.Object({
  service_code: Type.String(), service_name: Type.String(), description: Type.String(), metadata: Type.Boolean(),
  type: Type.String(), keywords: Type.String(), group: Type.String(),
});

export const ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Type.Object({
    variable: Type.Boolean(), code: Type.String(), datatype: Type.String(), required: Type.Boolean(),
    datatype_description: Nullable(Type.String()), order: Type.Integer(), description: Type.String(),
    values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  })),
});

export const Request = Type.Object({
  service_request_id: Type.String(), status: Type.String({ enum: ['open', 'closed'] }), status_notes: Nullable(Type.String()),
  service_name: Nullable(Type.String()), service_code: Type.String(), description: Nullable(Type.String()),
  agency_responsible: Nullable(Type.String()), service_notice: Nullable(Type.String()),
  requested_datetime: Type.String({ format: 'date-time' }), updated_datetime: Nullable(Type.String({ format: 'date-time' })),
  expected_datetime: Nullable(Type.String({ format: 'date-time' })), address: Nullable(Type.String()),
  address_id: Nullable(Type.String()), zipcode: Nullable(Type.String()), lat: Nullable(Type.Number()), long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
});

export const Created = Type.Array(Type.Object({
  service_request_id: Type.String(), service_notice: Type.String(),
}));

export const TokenAnswer = Type.Array(Type.Object({ service_request_id: Type.String(), token: Type.String() }));

/** Responses of every Open311 route: its own 200 and the spec's errors. */
export function responses(ok: TSchema, extra: Record<number, TSchema> = {}) {
  return { 200: ok, 400: ErrorList, 404: ErrorList, ...extra };
}
