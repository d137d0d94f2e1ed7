import type { Refusal } from '../board.rules.ts';
import { fmt } from '../i18n/index.ts';
import { html } from './html.ts';
import { href, layout, type PageCtx } from './layout.ts';
import { refusalMessages } from './write.pages.ts';

/** The landing page and the pages for errors and refusals. (`/login` belongs to the staff web app: src/http/web.ts.) */

export function homePage(ctx: PageCtx): string {
  const { t } = ctx;
  const city = { city: ctx.city };
  const item = (url: string, link: string, text: string) => html`<li class="card"><a href="${url}"><strong>${link}</strong></a><p class="muted">${text}</p></li>`;
  const body = html`<h1>${fmt(t.home.title, city)}</h1>
<p>${t.home.intro}</p>
<ul class="plain grid">
${item(href(ctx, '/board'), fmt(t.site.boardName, city), t.home.boardText)}
${item(href(ctx, '/lookup'), t.home.lookupLink, t.home.lookupText)}
${item('/docs', t.home.docsLink, t.home.docsText)}
${item(href(ctx, '/login'), t.home.loginLink, t.home.loginText)}
</ul>`;
  return layout(ctx, { title: fmt(t.home.title, city), description: fmt(t.home.description, city), path: '/', body });
}

export function messagePage(ctx: PageCtx, p: { title: string; messages: string[]; path: string }): string {
  const body = html`<h1>${p.title}</h1>
<div class="card errors" role="alert">${p.messages.map((m) => html`<p>${m}</p>`)}</div>
<p><a href="${href(ctx, '/')}">${ctx.t.nav.home}</a></p>`;
  return layout(ctx, { title: p.title, description: p.messages.join(' '), path: p.path, body, noindex: true });
}

export function refusedPage(ctx: PageCtx, refusals: readonly Refusal[], path: string): string {
  return messagePage(ctx, { title: ctx.t.errors.refusedTitle, messages: refusalMessages(ctx, refusals), path });
}
