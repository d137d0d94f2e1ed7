/**
 * Which reverse proxies the server believes about the client's address
 * (`X-Forwarded-For`), from the `TRUST_PROXY` setting. Off by default: then
 * the address is the socket's, and a client cannot choose the IP its
 * per-IP limits (board codes, posts, lookups) are counted under by sending
 * the header itself.
 *
 * - unset, empty, `false` or `0`: off;
 * - a whole number n ≥ 1: trust n hops (the n-th address from the right is the client's);
 * - a comma-separated list of addresses and CIDR ranges (`127.0.0.1,10.0.0.0/8`):
 *   trust proxies with those addresses;
 * - `true`: trust every hop (only behind a proxy that overwrites the header).
 */
export type TrustProxy = false | true | number | string[];

/** @throws Error for a malformed entry (fail at start, not on the first request). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const e of entries) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(e) && !['loopback', 'linklocal', 'uniquelocal'].includes(e)) {
      throw new Error(`TRUST_PROXY: not an address, CIDR range or hop count: ${e}`);
    }
  }
  return entries;
}

/** The setting as Fastify's `trustProxy` option (a hop count becomes the function proxy-addr would make of it). */
export function fastifyTrustProxy(t: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address: string, hop: number) => hop < t : t;
}
