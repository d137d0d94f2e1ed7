import type { PublicBoard, PublicPost } from '../board.presenter.ts';
import { fmt } from '../i18n/index.ts';
import { html, type Html } from './html.ts';
import { href, type PageCtx } from './layout.ts';

/** Small pieces shared by the pages. */

/** `2026-11-27 14:05` in Asia/Shanghai, in a `<time>` element. */
export function time(at: string | Date | null | undefined): Html {
  if (!at) return html``;
  const d = typeof at === 'string' ? new Date(at) : at;
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  return html`<time datetime="${d.toISOString()}">${local}</time>`;
}

export const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function stateBadge(p: Pick<PublicPost, 'state' | 'stateLabel'>): Html {
  return html`<span class="badge state-${p.state}">${p.stateLabel}</span>`;
}

export function postItem(ctx: PageCtx, p: PublicPost, showBoard: boolean): Html {
  const { t } = ctx;
  return html`<li>
<a href="${href(ctx, p.url)}">${p.title}</a>
<div class="muted">${stateBadge(p)}<span class="badge">${p.typeLabel}</span><span class="badge">${p.domainLabel}</span>
${showBoard ? html`${p.board.title} · ` : ''}${p.writer} · ${time(p.submittedAt)}${p.region ? html` · ${p.region.name}` : ''}
${p.reply && p.reply.unit ? html` · ${fmt(t.list.replied, { unit: p.reply.unit })}` : ''}
${p.marks ? html` · ${t.post.resolution} ${p.marks.resolution} ${t.post.attitude} ${p.marks.attitude} ${t.post.speed} ${p.marks.speed}` : ''}</div>
</li>`;
}

export function postList(ctx: PageCtx, posts: readonly PublicPost[], showBoard: boolean): Html {
  if (!posts.length) return html`<p class="muted">${ctx.t.list.none}</p>`;
  return html`<ul class="plain posts">${posts.map((p) => postItem(ctx, p, showBoard))}</ul>`;
}

export function figuresLine(ctx: PageCtx, b: PublicBoard): Html {
  const { t } = ctx;
  const f = b.figures;
  return html`<div class="muted">${fmt(t.boards.figures, { messages: f.messages, replies: f.replies, rate: percent(f.replyRate) })}<br>
${f.rated ? fmt(t.boards.satisfaction, { rate: percent(f.satisfactionRate), rated: f.rated }) : t.boards.noRatings}</div>`;
}

export function pager(ctx: PageCtx, path: string, params: Record<string, string | undefined>, page: number, pages: number): Html {
  if (pages <= 1) return html``;
  const { t } = ctx;
  return html`<nav class="pager" aria-label="${fmt(t.list.page, { page, pages })}">
${page > 1 ? html`<a rel="prev" href="${href(ctx, path, { ...params, page: page - 1 > 1 ? page - 1 : undefined })}">${t.list.prev}</a>` : ''}
<span>${fmt(t.list.page, { page, pages })}</span>
${page < pages ? html`<a rel="next" href="${href(ctx, path, { ...params, page: page + 1 })}">${t.list.next}</a>` : ''}
</nav>`;
}

export function option(value: string, label: string, selected: string | null | undefined): Html {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

export function csrfField(ctx: PageCtx): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}
