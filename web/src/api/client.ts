/**
 * The one way the web app talks to the server: JSON over fetch with the
 * session cookie, the UI language in Accept-Language, and the server's
 * `{error: {code, message}}` turned into an ApiError whose message is the
 * server's own (shown to the user as it is).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let acceptLanguage = 'zh-CN';
let onUnauthenticated: (() => void) | undefined;

/** The Accept-Language every request sends (set by the language switcher). */
export function setApiLanguage(header: string) {
  acceptLanguage = header;
}

/** Called when a request answers 401 while logged in (the session ended). */
export function setUnauthenticatedHandler(fn: (() => void) | undefined) {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `path?k=v&…`, leaving out empty values. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Sends one request.
 * @throws ApiError with the server's code and message, or NETWORK when it cannot be reached.
 */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': acceptLanguage, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', acceptLanguage.startsWith('en') ? 'The server cannot be reached' : '无法连接服务器');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    const err = new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, e?.details);
    if (res.status === 401 && err.code === 'UNAUTHENTICATED') onUnauthenticated?.();
    throw err;
  }
  return data as T;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});

/** Whether an error means the server has no such route (a feature another module has not shipped yet). */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && err.code === 'ROUTE_NOT_FOUND';
}
