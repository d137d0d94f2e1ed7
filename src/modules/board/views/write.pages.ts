import type { PublicBoard } from '../board.presenter.ts';
import type { PostFields, Refusal } from '../board.rules.ts';
import { boardDomains, boardTypes, postLimits } from '../board.vocabulary.ts';
import { fmt } from '../i18n/index.ts';
import { html, type Html } from './html.ts';
import { href, layout, type PageCtx } from './layout.ts';
import { csrfField, option } from './parts.ts';

/**
 * Writing to a board: one plain form (multipart, for the pictures). The
 * "send code" button posts the same form, URL-encoded, to the code route,
 * which answers with the form again, filled in as it was: no script needed.
 */

export interface WriteForm {
  board: PublicBoard;
  regions: Array<{ key: string; name: string }>;
  values: Partial<PostFields>;
  refusals: Refusal[];
  /** The masked number a code was just sent to. */
  codeSentTo?: string;
}

export function refusalMessages(ctx: PageCtx, refusals: readonly Refusal[]): string[] {
  const { t } = ctx;
  return refusals.map((r) => fmt(t.refusals[r.code], { ...(r.field ? { field: t.fields[r.field] } : {}), ...r.params }));
}

function errorBox(ctx: PageCtx, refusals: readonly Refusal[], extra?: string): Html {
  if (!refusals.length) return html``;
  return html`<div class="card errors" role="alert" id="errors"><strong>${ctx.t.write.fix}</strong>
<ul>${refusalMessages(ctx, refusals).map((m) => html`<li>${m}</li>`)}</ul>${extra ? html`<p>${extra}</p>` : ''}</div>`;
}

export function writePage(ctx: PageCtx, f: WriteForm): string {
  const { t } = ctx;
  const v = f.values;
  const action = `/board/${f.board.key}`;
  const invalid = (field: string) => (f.refusals.some((r) => r.field === field) ? html` aria-invalid="true"` : '');
  const body = html`<h1>${fmt(t.write.title, { board: f.board.title })}</h1>
${errorBox(ctx, f.refusals, f.refusals.length ? t.write.reselect : undefined)}
${f.codeSentTo ? html`<p class="card notice" role="status">${fmt(t.write.codeSent, { phone: f.codeSentTo })}</p>` : ''}
<p class="muted">${t.write.privacy}</p>
<form method="post" action="${href(ctx, `${action}/write`)}" enctype="multipart/form-data">
${csrfField(ctx)}
<fieldset><legend>${t.write.step1}</legend>
<p class="help">${t.write.step1Help}</p>
<label for="phone">${t.write.phone}</label>
<input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="20" required value="${v.phone ?? ''}"${invalid('phone')}>
<button type="submit" class="secondary" formaction="${href(ctx, `${action}/code`)}" formenctype="application/x-www-form-urlencoded" formnovalidate>${t.write.sendCode}</button>
<label for="code">${t.write.code}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" value="${v.code ?? ''}"${invalid('code')}>
</fieldset>
<fieldset><legend>${t.write.step2}</legend>
<fieldset${invalid('type')}><legend>${t.write.type}</legend>
${boardTypes.map((k) => html`<label class="help"><input type="radio" name="type" value="${k}" required${v.type === k ? html` checked` : ''}> ${t.types[k]}</label>`)}
</fieldset>
<label for="domain">${t.write.domain}</label>
<select id="domain" name="domain" required${invalid('domain')}>${option('', '—', v.domain)}${boardDomains.map((k) => option(k, t.domains[k], v.domain))}</select>
<label for="region">${t.write.region}</label>
<select id="region" name="region"${invalid('region')}>${option('', t.write.regionNone, v.region)}${f.regions.map((r) => option(r.key, r.name, v.region))}</select>
<label for="title">${t.write.titleField} <span class="help">${t.write.titleHelp}</span></label>
<input id="title" name="title" type="text" required minlength="${postLimits.title.min}" maxlength="${postLimits.title.max}" value="${v.title ?? ''}"${invalid('title')}>
<label for="content">${t.write.content} <span class="help">${t.write.contentHelp}</span></label>
<textarea id="content" name="content" required minlength="${postLimits.content.min}" maxlength="${postLimits.content.max}"${invalid('content')}>${v.content ?? ''}</textarea>
<label for="name">${t.write.name} <span class="help">${t.write.nameHelp}</span></label>
<input id="name" name="name" type="text" autocomplete="name" required maxlength="${postLimits.name.max}" value="${v.name ?? ''}"${invalid('name')}>
<label for="remark">${t.write.remark} <span class="help">${t.write.remarkHelp}</span></label>
<textarea id="remark" name="remark" maxlength="${postLimits.remark.max}" rows="3">${v.remark ?? ''}</textarea>
<label for="images">${t.write.images} <span class="help">${t.write.imagesHelp}</span></label>
<input id="images" name="images" type="file" accept="image/jpeg,image/png,image/webp" multiple>
</fieldset>
<button type="submit">${t.write.submit}</button>
</form>`;
  return layout(ctx, {
    title: fmt(t.write.title, { board: f.board.title }), description: fmt(t.write.description, { board: f.board.title }),
    path: `${action}/write`, body, noindex: true,
  });
}

export function submittedPage(ctx: PageCtx, board: PublicBoard, r: { caseNumber: string; queryCode: string }): string {
  const { t } = ctx;
  const body = html`<h1>${t.submitted.title}</h1>
<div class="card notice" role="status"><p>${t.submitted.text}</p>
<dl class="facts"><dt>${t.submitted.number}</dt><dd><strong>${r.caseNumber}</strong></dd>
<dt>${t.submitted.queryCode}</dt><dd><strong>${r.queryCode}</strong></dd></dl>
<p>${t.submitted.keep}</p></div>
<p><a class="button" href="${href(ctx, '/lookup')}">${t.submitted.lookup}</a>
<a href="${href(ctx, board.url)}">${board.title}</a></p>`;
  return layout(ctx, { title: t.submitted.title, description: t.submitted.text, path: `${board.url}/write`, body, noindex: true });
}
