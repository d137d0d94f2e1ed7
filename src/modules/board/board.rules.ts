import { smsPhone } from '../notification/recipients.ts';
import { boardDomains, boardTypes, charCount, postLimits, type BoardDomain, type BoardType } from './board.vocabulary.ts';
import type { Dictionary } from './i18n/index.ts';

/**
 * The rules a post must pass before anything is written, and the refusals
 * they give. Pure: no I/O (tested in test/board/rules.test.ts).
 */

/** Stable refusal codes; each has a message in every language (`refusals` in the dictionaries). */
export type RefusalCode = keyof Dictionary['refusals'];
export type FieldName = keyof Dictionary['fields'];

export interface Refusal {
  code: RefusalCode;
  field?: FieldName;
  params?: Record<string, string | number>;
}

/**
 * A form refused with reasons (422 on the page, in the reader's language).
 * Thrown by the board's commands; the board's page scope renders it.
 */
export class BoardRefused extends Error {
  constructor(readonly refusals: Refusal[], readonly status = 422) {
    super(refusals.map((r) => r.code).join(', '));
    this.name = 'BoardRefused';
  }
}

export const refuse = (code: RefusalCode, params?: Refusal['params'], field?: FieldName) => new BoardRefused([{ code, params, field }]);

export interface PostFields {
  type: string;
  domain: string;
  title: string;
  content: string;
  name: string;
  phone: string;
  code: string;
  remark: string;
  region: string;
}

export interface CheckedPost {
  type: BoardType;
  domain: BoardDomain;
  title: string;
  content: string;
  name: string;
  phone: string;
  code: string;
  remark: string | null;
  region: string | null;
}

/** Every problem with the fields at once (so the citizen fixes them in one go), or the cleaned post. */
export function checkPostFields(f: PostFields): { ok: true; post: CheckedPost } | { ok: false; refusals: Refusal[] } {
  const out: Refusal[] = [];
  const trim = (s: string) => s.normalize('NFC').trim();
  const title = trim(f.title);
  const content = f.content.normalize('NFC').replace(/\r\n/g, '\n').trim();
  const name = trim(f.name);
  const remark = trim(f.remark);
  const code = f.code.replace(/\s/g, '');
  const required = (field: FieldName, value: string) => {
    if (!value) out.push({ code: 'required', field });
    return Boolean(value);
  };
  if (required('type', f.type) && !(boardTypes as readonly string[]).includes(f.type)) out.push({ code: 'badChoice', field: 'type' });
  if (required('domain', f.domain) && !(boardDomains as readonly string[]).includes(f.domain)) out.push({ code: 'badChoice', field: 'domain' });
  if (required('title', title) && (charCount(title) < postLimits.title.min || charCount(title) > postLimits.title.max)) {
    out.push({ code: 'titleLength', field: 'title', params: { n: charCount(title) } });
  }
  if (required('content', content) && (charCount(content) < postLimits.content.min || charCount(content) > postLimits.content.max)) {
    out.push({ code: 'contentLength', field: 'content', params: { n: charCount(content) } });
  }
  if (required('name', name) && (charCount(name) < postLimits.name.min || charCount(name) > postLimits.name.max)) {
    out.push({ code: 'nameLength', field: 'name' });
  }
  const phone = smsPhone(f.phone);
  if (required('phone', f.phone.trim()) && !phone) out.push({ code: 'badPhone', field: 'phone' });
  if (required('code', code) && !/^\d{6}$/.test(code)) out.push({ code: 'codeFormat', field: 'code' });
  if (charCount(remark) > postLimits.remark.max) out.push({ code: 'remarkLength' });
  if (out.length) return { ok: false, refusals: out };
  return {
    ok: true,
    post: {
      type: f.type as BoardType, domain: f.domain as BoardDomain, title, content, name, phone: phone!, code,
      remark: remark || null, region: f.region.trim() || null,
    },
  };
}

/** Text compared with banned words: width-folded, lower case, without spaces and punctuation between characters. */
export function normalizeForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The first banned word found in any of the texts (matched after normalising both), or undefined. */
export function findBannedWord(texts: readonly string[], words: readonly string[]): string | undefined {
  const haystack = texts.map(normalizeForMatching);
  return words.find((w) => {
    const needle = normalizeForMatching(w);
    return needle.length > 0 && haystack.some((h) => h.includes(needle));
  });
}
