import type { Refusal } from '../board.rules.ts';
import type { BoardType } from '../board.vocabulary.ts';
import { fmt } from '../i18n/index.ts';
import type { CitizenCaseView } from '../lookup.ts';
import { html, paragraphs, type Html } from './html.ts';
import { href, layout, type PageCtx } from './layout.ts';
import { csrfField, time } from './parts.ts';
import { refusalMessages } from './write.pages.ts';

/** The citizen's case lookup (any channel): the form, the progress page with the reply and the rating form. */

function lookupForm(ctx: PageCtx, values: { number?: string }): Html {
  const { t } = ctx;
  return html`<form class="card" method="post" action="${href(ctx, '/lookup')}">
${csrfField(ctx)}
<label for="number">${t.lookup.number}</label>
<input id="number" name="number" type="text" autocomplete="off" maxlength="40" required value="${values.number ?? ''}">
<label for="code">${t.lookup.code}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="off" maxlength="12" required>
<button type="submit">${t.lookup.submit}</button>
</form>`;
}

export function lookupPage(ctx: PageCtx, p: { number?: string; message?: string; refusals?: Refusal[] } = {}): string {
  const { t } = ctx;
  const problems = [...(p.message ? [p.message] : []), ...refusalMessages(ctx, p.refusals ?? [])];
  const body = html`<h1>${t.lookup.title}</h1>
<p>${t.lookup.intro}</p>
${problems.length ? html`<div class="card errors" role="alert">${problems.map((m) => html`<p>${m}</p>`)}</div>` : ''}
${lookupForm(ctx, p)}`;
  return layout(ctx, { title: t.lookup.title, description: t.lookup.description, path: '/lookup', body });
}

const markNames = ['resolution', 'attitude', 'speed'] as const;

function ratingForm(ctx: PageCtx, v: CitizenCaseView, code: string): Html {
  const { t } = ctx;
  return html`<form class="card" method="post" action="${href(ctx, '/lookup/rate')}">
<h2>${t.lookup.rate}</h2>
<p class="help">${t.lookup.rateHelp}</p>
${csrfField(ctx)}
<input type="hidden" name="number" value="${v.number}">
<input type="hidden" name="code" value="${code}">
${markNames.map((m) => html`<fieldset><legend>${t.post[m]}</legend>
${[1, 2, 3, 4, 5].map((n) => html`<label class="help"><input type="radio" name="${m}" value="${n}" required> ${n}</label>`)}
</fieldset>`)}
<label for="comment">${t.lookup.comment}</label>
<textarea id="comment" name="comment" maxlength="500" rows="3"></textarea>
<button type="submit">${t.lookup.rateSubmit}</button>
</form>`;
}

export function progressPage(ctx: PageCtx, v: CitizenCaseView, p: { code: string; notice?: string; refusals?: Refusal[] }): string {
  const { t } = ctx;
  const body = html`<h1>${t.lookup.progress}</h1>
${p.notice ? html`<p class="card notice" role="status">${p.notice}</p>` : ''}
${v.followedFrom ? html`<p class="card notice" role="status" data-followed-from="${v.followedFrom}">${fmt(t.lookup.followedFrom, { number: v.followedFrom })}</p>` : ''}
${p.refusals?.length ? html`<div class="card errors" role="alert">${refusalMessages(ctx, p.refusals).map((m) => html`<p>${m}</p>`)}</div>` : ''}
<dl class="facts card">
<dt>${t.lookup.number}</dt><dd>${v.number}</dd>
<dt>${t.lookup.caseTitle}</dt><dd>${v.title}</dd>
<dt>${t.post.type}</dt><dd>${t.types[v.type as BoardType] ?? v.type}</dd>
<dt>${t.lookup.channel}</dt><dd>${t.channels[v.channel as keyof typeof t.channels] ?? v.channel}</dd>
<dt>${t.lookup.state}</dt><dd><span class="badge state-${v.publicState}">${t.caseStates[v.state]}</span></dd>
</dl>
${v.rejectReason ? html`<p class="card">${fmt(t.lookup.rejectedReason, { reason: ctx.lang === 'en' ? v.rejectReason.en : v.rejectReason.zh })}</p>` : ''}
<section class="card"><h2>${t.lookup.progress}</h2>
<ol>${v.milestones.map((m) => html`<li>${time(m.at)} ${t.milestones[m.milestone]}</li>`)}</ol></section>
<section class="card reply"><h2>${t.lookup.reply}</h2>
${v.reply ? html`${paragraphs(v.reply.content)}<dl class="facts"><dt>${t.lookup.replyUnit}</dt><dd>${v.reply.unit ?? '—'}</dd>
<dt>${t.lookup.replyTime}</dt><dd>${time(v.reply.at)}</dd></dl>` : html`<p class="muted">${t.lookup.noReply}</p>`}
</section>
${v.rating ? html`<section class="card"><h2>${t.lookup.yourMarks}</h2><p class="marks">${markNames.map((m) => html`<span>${t.post[m]} ${fmt(t.post.mark, { n: v.rating![m] })}</span>`)}</p></section>` : ''}
${v.canRate ? ratingForm(ctx, v, p.code) : ''}
<p><a href="${href(ctx, '/lookup')}">${t.lookup.again}</a></p>`;
  return layout(ctx, { title: `${t.lookup.progress} · ${v.number}`, description: t.lookup.description, path: '/lookup', body, noindex: true });
}
