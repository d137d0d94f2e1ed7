import { dictionary, fmt, langs, type Dictionary, type Lang } from '../i18n/index.ts';
import { html, query, type Html, type Renderable } from './html.ts';
import { cssPath } from './style.ts';

/** What every page needs to know about the request it answers. */
export interface PageCtx {
  lang: Lang;
  t: Dictionary;
  /** The language came from `?lang=`: links keep it. */
  explicit: boolean;
  /** `https://host` for canonical links and the sitemap. */
  baseUrl: string;
  /** The city's name in the page's script. */
  city: string;
  /** The double-submit token for forms on this page. */
  csrf: string;
}

export function makePageCtx(p: Omit<PageCtx, 't'>): PageCtx {
  return { ...p, t: dictionary(p.lang) };
}

/** A link inside the site that keeps an explicitly chosen language. */
export function href(ctx: PageCtx, path: string, params: Record<string, string | number | null | undefined> = {}): string {
  return path + query({ ...params, lang: ctx.explicit ? ctx.lang : undefined });
}

/** The address of `path` in `lang` (the default language has no parameter). */
export function langUrl(path: string, params: Record<string, string | number | null | undefined>, lang: Lang): string {
  return path + query({ ...params, lang: lang === 'zh-Hans' ? undefined : lang });
}

export interface Page {
  title: string;
  description: string;
  /** The page's own address and the parameters that make it what it is (filters, page). */
  path: string;
  params?: Record<string, string | number | null | undefined>;
  body: Html;
  /** Pages with forms or personal answers are not indexed. */
  noindex?: boolean;
}

const langLabels: Record<Lang, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };
const htmlLang: Record<Lang, string> = { 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant', en: 'en' };

/** The whole document: head (title, description, canonical, alternates), header, main, footer. No script anywhere. */
export function layout(ctx: PageCtx, page: Page): string {
  const { t } = ctx;
  const params = page.params ?? {};
  const canonical = ctx.baseUrl + langUrl(page.path, params, ctx.lang);
  const alternates: Renderable[] = langs.map(
    (l) => html`<link rel="alternate" hreflang="${htmlLang[l]}" href="${ctx.baseUrl + langUrl(page.path, params, l)}">`,
  );
  const doc = html`<!doctype html>
<html lang="${htmlLang[ctx.lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<meta name="description" content="${page.description}">
${page.noindex ? html`<meta name="robots" content="noindex">` : html`<link rel="canonical" href="${canonical}">
${alternates}
<link rel="alternate" hreflang="x-default" href="${ctx.baseUrl + langUrl(page.path, params, 'zh-Hans')}">`}
<link rel="stylesheet" href="${cssPath}">
</head>
<body>
<a class="skip" href="#main">${t.site.skip}</a>
<header class="site">
<a class="brand" href="${href(ctx, '/')}">${t.site.name} · ${fmt(t.site.tagline, { city: ctx.city })}</a>
<nav class="main" aria-label="${t.site.name}">
<a href="${href(ctx, '/board')}">${t.nav.board}</a>
<a href="${href(ctx, '/lookup')}">${t.nav.lookup}</a>
</nav>
<nav class="langs" aria-label="${t.site.language}">
${langs.map((l) => html`<a href="${page.path + query({ ...params, lang: l })}" hreflang="${htmlLang[l]}" lang="${htmlLang[l]}"${l === ctx.lang ? html` aria-current="true"` : ''}>${langLabels[l]}</a>`)}
</nav>
</header>
<main id="main">
${page.body}
</main>
<footer class="site">${fmt(t.site.footer, { city: ctx.city })}</footer>
</body>
</html>
`;
  return doc.value;
}
