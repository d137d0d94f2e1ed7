import { Open311Error, type Open311ErrorItem } from './open311.format.ts';

/**
 * The parameters of GeoReport v2 requests, checked without I/O. Parameters
 * arrive as text (query string or form body); an empty parameter counts as
 * absent, and a parameter given several times counts as its comma list.
 * Every problem of a request is reported at once, as the spec's error arrays allow.
 */

export type Params = Record<string, unknown>;

/** The text of a parameter, or undefined when it is absent or empty. */
export function param(p: Params, name: string): string | undefined {
  const v = p[name];
  const text = Array.isArray(v) ? v.map(String).join(',') : v == null ? '' : String(v);
  return text.trim() === '' ? undefined : text;
}

/** A comma list, items trimmed, empty items dropped. */
export function list(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

const bad = (description: string): Open311ErrorItem => ({ code: 400, description });

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * A W3C date-time (the spec's ISO 8601 subset): `2026-05-12T09:30:00+08:00`,
 * `…Z`, or a plain date, read in the city's time zone (Asia/Shanghai) — as a
 * start, 00:00 that day; as an end, the last millisecond of that day. A
 * time without a zone is refused, since the spec requires one. A `+` that
 * arrived as a space (an unencoded query string) is read as `+`.
 */
export function parseW3cDate(text: string, edge: 'start' | 'end'): Date | undefined {
  const m = W3C.exec(text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return undefined;
  if (h === undefined) {
    const midnight = day.getTime() - 8 * 3600_000;
    return new Date(edge === 'start' ? midnight : midnight + 86_400_000 - 1);
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ?? ''}${offset}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export const MAX_WINDOW_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

export type RequestQuery =
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'search';
      serviceCodes: string[] | undefined;
      statuses: ('open' | 'closed')[] | undefined;
      start: Date;
      end: Date;
      page: number;
      pageSize: number;
    };

/**
 * GET requests: `service_request_id` (comma list; overrides every other
 * parameter), `service_code` (comma list), `start_date`/`end_date` (at most
 * 90 days apart; one alone spans 90 days from it; neither: the last 90 days),
 * `status` (open, closed, or both), and the `page`/`page_size` extension
 * (default page 1 of at most 1,000, the spec's default volume).
 * @throws Open311Error 400 listing every invalid parameter.
 */
export function parseRequestQuery(p: Params, now: Date): RequestQuery {
  const ids = list(param(p, 'service_request_id'));
  if (ids.length > MAX_PAGE_SIZE) throw Open311Error.of(400, `service_request_id lists at most ${MAX_PAGE_SIZE} ids (最多 ${MAX_PAGE_SIZE} 个编号)`);
  if (ids.length) return { kind: 'ids', ids };

  const errors: Open311ErrorItem[] = [];
  const statusList = list(param(p, 'status'));
  const wrongStatus = statusList.filter((s) => s !== 'open' && s !== 'closed');
  if (wrongStatus.length) errors.push(bad(`status must be open or closed, not ${wrongStatus.join(',')} (status 只能是 open 或 closed)`));

  const date = (name: 'start_date' | 'end_date', edge: 'start' | 'end') => {
    const text = param(p, name);
    if (text === undefined) return undefined;
    const at = parseW3cDate(text, edge);
    if (!at) errors.push(bad(`${name} is not an ISO 8601 date-time with a time zone, e.g. 2026-05-12T09:30:00+08:00: ${text} (${name} 格式无效)`));
    return at ?? null;
  };
  const startGiven = date('start_date', 'start');
  const endGiven = date('end_date', 'end');
  let start: Date;
  let end: Date;
  if (startGiven && endGiven) [start, end] = [startGiven, endGiven];
  else if (startGiven) [start, end] = [startGiven, new Date(startGiven.getTime() + MAX_WINDOW_DAYS * DAY_MS)];
  else if (endGiven) [start, end] = [new Date(endGiven.getTime() - MAX_WINDOW_DAYS * DAY_MS), endGiven];
  else [start, end] = [new Date(now.getTime() - MAX_WINDOW_DAYS * DAY_MS), now];
  if (startGiven && endGiven) {
    if (end < start) errors.push(bad('end_date is before start_date (end_date 早于 start_date)'));
    else if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      errors.push(bad(`start_date and end_date may be at most ${MAX_WINDOW_DAYS} days apart (时间范围不能超过 ${MAX_WINDOW_DAYS} 天)`));
    }
  }

  const count = (name: 'page' | 'page_size', fallback: number, max: number) => {
    const text = param(p, name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < 1 || n > max) {
      errors.push(bad(`${name} must be a whole number from 1 to ${max}: ${text} (${name} 须为 1–${max} 的整数)`));
      return fallback;
    }
    return n;
  };
  const page = count('page', 1, 1_000_000);
  const pageSize = count('page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  if (errors.length) throw new Open311Error(400, errors);

  const codes = list(param(p, 'service_code'));
  return {
    kind: 'search',
    serviceCodes: codes.length ? codes : undefined,
    statuses: statusList.length ? [...new Set(statusList as ('open' | 'closed')[])] : undefined,
    start, end, page, pageSize,
  };
}

/** A POST requests body, checked: what the submitter gave, before the service and attributes are looked up. */
export interface NewRequestInput {
  serviceCode: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  description: string | null;
  mediaUrl: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  deviceId: string | null;
  accountId: string | null;
  /** `attribute[code]=v` → {code: 'v'}; `attribute[code][]=a&attribute[code][]=b` → {code: ['a', 'b']}. */
  attributes: Record<string, string | string[]>;
}

const limits = {
  description: 4000, address_string: 500, address_id: 100, media_url: 2000, email: 254,
  first_name: 50, last_name: 50, phone: 30, device_id: 100, account_id: 100,
} as const;

/**
 * POST requests: `service_code` and one location (`lat` and `long`, or
 * `address_string`, or `address_id`) are required; `description` holds at
 * most 4,000 characters; `media_url` must be an http(s) URL.
 * @throws Open311Error 400 listing every problem.
 */
export function parseNewRequest(p: Params): NewRequestInput {
  const errors: Open311ErrorItem[] = [];
  const text = (name: keyof typeof limits) => {
    const v = param(p, name)?.trim();
    if (v !== undefined && [...v].length > limits[name]) {
      errors.push(bad(`${name} is longer than ${limits[name]} characters (${name} 超过 ${limits[name]} 个字符)`));
    }
    return v ?? null;
  };
  const serviceCode = param(p, 'service_code')?.trim();
  if (!serviceCode) errors.push(bad('service_code was not provided (缺少 service_code)'));

  const coordinate = (name: 'lat' | 'long', max: number) => {
    const v = param(p, name);
    if (v === undefined) return null;
    const n = Number(v);
    if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(v) || Math.abs(n) > max) {
      errors.push(bad(`${name} must be a WGS84 coordinate between -${max} and ${max}: ${v} (${name} 坐标无效)`));
      return undefined;
    }
    return n;
  };
  const lat = coordinate('lat', 90);
  const long = coordinate('long', 180);
  const addressString = text('address_string');
  const addressId = text('address_id');
  if ((lat === null) !== (long === null)) errors.push(bad('lat and long must be given together (lat 与 long 须同时提供)'));
  else if (lat === null && !addressString && !addressId) {
    errors.push(bad('a location is required: lat and long, or address_string, or address_id (缺少位置：lat/long、address_string 或 address_id)'));
  }

  const mediaUrl = text('media_url');
  if (mediaUrl && !isHttpUrl(mediaUrl)) errors.push(bad(`media_url must be an http or https URL (media_url 须为 http/https 地址)`));

  const input = {
    serviceCode: serviceCode ?? '', lat: lat ?? null, long: long ?? null, addressString, addressId,
    description: text('description'), mediaUrl, email: text('email'), firstName: text('first_name'), lastName: text('last_name'),
    phone: text('phone'), deviceId: text('device_id'), accountId: text('account_id'), attributes: attributesOf(p),
  };
  if (errors.length) throw new Open311Error(400, errors);
  return input;
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}

/** `attribute[code]` and `attribute[code][]` form fields (or an `attribute` object from a JSON body). */
export function attributesOf(p: Params): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const put = (code: string, v: unknown, multi: boolean) => {
    const values = (Array.isArray(v) ? v : [v]).map((x) => String(x ?? '').trim()).filter(Boolean);
    if (!code || values.length === 0) return;
    out[code] = multi || values.length > 1 ? values : values[0];
  };
  for (const [key, v] of Object.entries(p)) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
    if (m) put(m[1], v, Boolean(m[2]));
  }
  const nested = p.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, v] of Object.entries(nested)) put(code, v, Array.isArray(v));
  }
  return out;
}
