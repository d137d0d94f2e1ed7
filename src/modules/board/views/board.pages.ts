import type { PublicBoard, PublicPost } from '../board.presenter.ts';
import { boardDomains, boardTypes, publicStates } from '../board.vocabulary.ts';
import { fmt } from '../i18n/index.ts';
import { html, paragraphs, type Html } from './html.ts';
import { href, layout, type PageCtx } from './layout.ts';
import { figuresLine, option, pager, percent, postList, stateBadge, time } from './parts.ts';

/** The board's public pages: all boards, one board's list, one post. */

export interface ListFilters {
  board?: string;
  region?: string;
  type?: string;
  domain?: string;
  state?: string;
  q?: string;
}

export interface ListPage {
  posts: PublicPost[];
  total: number;
  page: number;
  pages: number;
  filters: ListFilters;
  regions: Array<{ key: string; name: string }>;
}

function filterForm(ctx: PageCtx, path: string, list: ListPage, boards?: PublicBoard[]): Html {
  const { t } = ctx;
  const f = list.filters;
  const select = (name: keyof ListFilters, label: string, options: Array<[string, string]>) => html`<div>
<label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}">${option('', t.filter.any, f[name])}${options.map(([v, l]) => option(v, l, f[name]))}</select>
</div>`;
  return html`<form class="filters card" method="get" action="${path}" role="search" aria-label="${t.filter.legend}">
${ctx.explicit ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : ''}
${boards ? select('board', t.filter.board, boards.map((b) => [b.key, b.title])) : ''}
${select('region', t.filter.region, list.regions.map((r) => [r.key, r.name]))}
${select('type', t.filter.type, boardTypes.map((k) => [k, t.types[k]]))}
${select('domain', t.filter.domain, boardDomains.map((k) => [k, t.domains[k]]))}
${select('state', t.filter.state, publicStates.map((k) => [k, t.states[k]]))}
<div><label for="f-q">${t.filter.q}</label><input id="f-q" type="search" name="q" maxlength="50" value="${f.q ?? ''}"></div>
<div><button type="submit">${t.filter.apply}</button> <a href="${href(ctx, path)}">${t.filter.reset}</a></div>
</form>`;
}

const filterParams = (f: ListFilters) => ({ ...f }) as Record<string, string | undefined>;

export function boardsIndexPage(ctx: PageCtx, boards: PublicBoard[], list: ListPage): string {
  const { t } = ctx;
  const group = (kind: string) => boards.filter((b) => b.kind === kind).map((b) => html`<li class="card">
<a href="${href(ctx, b.url)}"><strong>${b.title}</strong></a>
${figuresLine(ctx, b)}
<a href="${href(ctx, `${b.url}/write`)}">${t.boards.write}</a>
</li>`);
  const title = fmt(t.boards.title, { city: ctx.city });
  const params = { ...filterParams(list.filters), page: list.page > 1 ? String(list.page) : undefined };
  const body = html`<h1>${title}</h1>
<h2>${t.boards.leaders}</h2>
<ul class="plain grid">${group('leader')}</ul>
<h2>${t.boards.departments}</h2>
<ul class="plain grid">${group('department')}</ul>
<h2 id="posts">${t.boards.allPosts}</h2>
${filterForm(ctx, '/board', list, boards)}
<p class="muted">${fmt(t.list.total, { n: list.total })}</p>
${postList(ctx, list.posts, true)}
${pager(ctx, '/board', filterParams(list.filters), list.page, list.pages)}`;
  return layout(ctx, { title, description: fmt(t.boards.description, { city: ctx.city }), path: '/board', params, body });
}

export function boardPage(ctx: PageCtx, board: PublicBoard, list: ListPage): string {
  const { t } = ctx;
  const f = board.figures;
  const avg = f.averageMarks;
  const path = `/board/${board.key}`;
  const params = { ...filterParams(list.filters), page: list.page > 1 ? String(list.page) : undefined };
  const body = html`<h1>${board.title}</h1>
<p><a class="button" href="${href(ctx, `${path}/write`)}">${fmt(t.board.write, { board: board.title })}</a></p>
<section class="card" aria-labelledby="stats"><h2 id="stats">${t.board.stats}</h2>
<dl class="facts">
<dt>${t.board.messages}</dt><dd>${f.messages}</dd>
<dt>${t.board.replies}</dt><dd>${f.replies}</dd>
<dt>${t.board.replyRate}</dt><dd>${percent(f.replyRate)}</dd>
<dt>${t.board.avgMarks}</dt><dd>${avg.resolution === null ? '—' : html`${t.post.resolution} ${avg.resolution} · ${t.post.attitude} ${avg.attitude} · ${t.post.speed} ${avg.speed}`}</dd>
<dt>${t.board.satisfactionRate}</dt><dd>${percent(f.satisfactionRate)}${f.rated ? ` (${f.rated})` : ''}</dd>
</dl></section>
${filterForm(ctx, path, list)}
<p class="muted">${fmt(t.list.total, { n: list.total })}</p>
${postList(ctx, list.posts, false)}
${pager(ctx, path, filterParams(list.filters), list.page, list.pages)}`;
  return layout(ctx, { title: `${board.title} · ${fmt(t.site.boardName, { city: ctx.city })}`, description: fmt(t.board.description, { board: board.title }), path, params, body });
}

export function postPage(ctx: PageCtx, p: PublicPost): string {
  const { t } = ctx;
  const path = p.url;
  const excerpt = [...p.content.replace(/\s+/g, ' ')].slice(0, 120).join('');
  const body = html`<article>
<h1>${p.title}</h1>
<dl class="facts card">
<dt>${t.post.board}</dt><dd><a href="${href(ctx, `/board/${p.board.key}`)}">${p.board.title}</a></dd>
<dt>${t.post.writer}</dt><dd>${p.writer}</dd>
<dt>${t.post.submittedAt}</dt><dd>${time(p.submittedAt)}</dd>
<dt>${t.post.type}</dt><dd>${p.typeLabel}</dd>
<dt>${t.post.domain}</dt><dd>${p.domainLabel}</dd>
${p.region ? html`<dt>${t.post.region}</dt><dd>${p.region.name}</dd>` : ''}
<dt>${t.post.state}</dt><dd>${stateBadge(p)}</dd>
</dl>
<section class="card" aria-labelledby="content"><h2 id="content">${t.post.content}</h2>${paragraphs(p.content)}</section>
${p.images.length ? html`<section class="card" aria-labelledby="images"><h2 id="images">${t.post.images}</h2>
${p.images.map((img, i) => html`<img class="photo" src="${img.url}" alt="${fmt(t.post.image, { n: i + 1 })}" loading="lazy">`)}</section>` : ''}
<section class="card reply" aria-labelledby="reply"><h2 id="reply">${t.post.reply}</h2>
${p.reply ? html`${paragraphs(p.reply.content)}
<dl class="facts"><dt>${t.post.replyUnit}</dt><dd>${p.reply.unit ?? '—'}</dd><dt>${t.post.replyTime}</dt><dd>${time(p.reply.at)}</dd></dl>` : html`<p class="muted">${t.post.noReply}</p>`}
</section>
<section class="card" aria-labelledby="marks"><h2 id="marks">${t.post.marks}</h2>
${p.marks ? html`<p class="marks"><span>${t.post.resolution} ${fmt(t.post.mark, { n: p.marks.resolution })}</span><span>${t.post.attitude} ${fmt(t.post.mark, { n: p.marks.attitude })}</span><span>${t.post.speed} ${fmt(t.post.mark, { n: p.marks.speed })}</span></p>` : html`<p class="muted">${t.post.notRated}</p>`}
</section>
<p><a href="${href(ctx, `/board/${p.board.key}`)}">${fmt(t.post.back, { board: p.board.title })}</a></p>
</article>`;
  return layout(ctx, { title: `${p.title} · ${p.board.title}`, description: excerpt, path, body });
}
