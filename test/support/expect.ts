import assert from 'node:assert/strict';

/** What `app.inject` answers, as far as these helpers read it. */
interface Response { statusCode: number; body: string; json(): any }

/**
 * Awaits a response, asserts its status (200 unless given; the body is the
 * failure message) and returns its JSON — undefined for an empty body (204).
 */
export async function ok(p: Promise<Response>, status = 200): Promise<any> {
  const res = await p;
  assert.equal(res.statusCode, status, res.body);
  return res.body === '' ? undefined : res.json();
}

/** Awaits a refusal, asserts its status and error code, and returns the error (`{ code, message, details? }`). */
export async function refused(p: Promise<Response>, status: number, code: string): Promise<{ code: string; message: string; details?: any }> {
  const res = await p;
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error?.code, code, res.body);
  return res.json().error;
}
