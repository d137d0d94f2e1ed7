import { en } from './en.ts';
import { zhHans, type Dictionary } from './zh-Hans.ts';
import { toTraditional, zhHant } from './zh-Hant.ts';

/** The public site's languages: simplified Chinese (default), traditional Chinese, English. */
export const langs = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'zh-Hans';

const dictionaries: Record<Lang, Dictionary> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function dictionary(lang: Lang): Dictionary {
  return dictionaries[lang];
}

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (langs as readonly string[]).includes(v);
}

/**
 * The language of a request: `?lang=` when given, else the best match of
 * `Accept-Language` (zh-TW, zh-HK, zh-MO and zh-Hant-* are traditional; other
 * zh simplified; en English), else simplified Chinese.
 */
export function pickLang(queryLang: unknown, acceptLanguage: string | undefined): { lang: Lang; explicit: boolean } {
  if (isLang(queryLang)) return { lang: queryLang, explicit: true };
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) return { lang: 'zh-Hant', explicit: false };
    if (/^zh\b/.test(tag)) return { lang: 'zh-Hans', explicit: false };
    if (/^en\b/.test(tag)) return { lang: 'en', explicit: false };
  }
  return { lang: defaultLang, explicit: false };
}

/** Fills `{x}` placeholders. */
export function fmt(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

/**
 * Our own Chinese content (board titles, unit names) in the page's script:
 * converted to traditional characters on zh-Hant pages. Citizens' and
 * units' texts are never passed through this: they are shown as written.
 */
export function localizeName(text: string, lang: Lang): string {
  return lang === 'zh-Hant' ? toTraditional(text) : text;
}

export type { Dictionary };
