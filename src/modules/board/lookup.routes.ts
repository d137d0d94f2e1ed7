import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../http/context.ts';
import type { BoardConfig } from './board.config.ts';
import { BoardRefused } from './board.rules.ts';
import { takeToken } from './board.throttle.ts';
import { checkCsrf, clientIp, pageCtx, readForm, sendPage, type WebDeps } from './board.web.ts';
import { findCaseForCitizen, presentCitizenCase, rateCase } from './lookup.ts';
import type { PageCtx } from './views/layout.ts';
import { lookupPage, progressPage } from './views/lookup.pages.ts';

/**
 * The citizen's case lookup, as plain forms (POST, so the query code never
 * appears in an address or a log of addresses). Lookups and ratings are
 * throttled per IP in PostgreSQL; a wrong code and an unknown number get the
 * same 404 answer.
 */
export async function lookupRoutes(scope: FastifyInstance, deps: AppDeps, web: WebDeps, config: BoardConfig) {
  const hide = { schema: { hide: true } } as const;

  scope.get('/lookup', { config: { public: true }, ...hide }, async (request, reply) =>
    sendPage(reply, 200, lookupPage(await pageCtx(web, request, reply, { withForm: true })), 'private'));

  /** The form, its token checked, the IP's lookup allowance taken, and the case (or the not-found page). */
  const findFromForm = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await pageCtx(web, request, reply, { withForm: true });
    const { fields } = await readForm(request);
    checkCsrf(request, fields._csrf, config.publicUrl);
    const number = (fields.number ?? '').trim().slice(0, 40);
    const code = (fields.code ?? '').trim().slice(0, 12);
    const allowed = await takeToken(deps.db, {
      kind: 'lookup', ip: clientIp(request), now: new Date(), limit: config.policy.lookupsPerIpPerHour, windowSeconds: 3600,
    });
    if (!allowed) return { ctx, fields, failed: sendPage(reply, 429, lookupPage(ctx, { number, refusals: [{ code: 'lookupThrottled' }] }), 'private') };
    const found = number && code ? await findCaseForCitizen(deps.db, number, code) : undefined;
    if (!found) return { ctx, fields, failed: sendPage(reply, 404, lookupPage(ctx, { number, message: ctx.t.lookup.notFound }), 'private') };
    return { ctx, fields, found, code };
  };

  scope.post('/lookup', { config: { public: true }, ...hide }, async (request, reply) => {
    const r = await findFromForm(request, reply);
    if (!r.found) return r.failed;
    return sendPage(reply, 200, progressPage(r.ctx, await presentCitizenCase(deps.db, r.found), { code: r.code }), 'private');
  });

  scope.post('/lookup/rate', { config: { public: true }, ...hide }, async (request, reply) => {
    const r = await findFromForm(request, reply);
    if (!r.found) return r.failed;
    const mark = (name: string) => Number(r.fields[name]);
    const show = async (ctx: PageCtx, status: number, extra: { notice?: string; refusals?: BoardRefused['refusals'] }) =>
      sendPage(reply, status, progressPage(ctx, await presentCitizenCase(deps.db, r.found), { code: r.code, ...extra }), 'private');
    try {
      await rateCase(deps.db, r.found, {
        marks: { resolution: mark('resolution'), attitude: mark('attitude'), speed: mark('speed') },
        comment: r.fields.comment ?? null, now: new Date(),
      });
    } catch (err) {
      if (err instanceof BoardRefused) return show(r.ctx, err.status, { refusals: err.refusals, notice: undefined });
      throw err;
    }
    return show(r.ctx, 200, { notice: r.ctx.t.lookup.rated });
  });
}
