import { createRequire } from 'node:module';

/**
 * Text normalisation shared by search, classification and the other text
 * features: one canonical form, so that 運城 and 运城, ＡＢＣ１２３ and abc123,
 * or two different phone numbers compare as the same thing.
 */

/** What a phone number becomes in normalised text (one token for jieba and the n-grams). */
export const PHONE_TOKEN = 'PHONE';
/** What any other number becomes when numbers are masked. */
export const NUMBER_TOKEN = 'NUM';
/** What a mainland resident ID number (身份证号, 18 characters) becomes. */
export const ID_NUMBER_TOKEN = 'IDNO';

/**
 * Service numbers that carry meaning and are never masked: 12345 is the
 * government hotline (12345热线), 12315 consumer complaints, 12369 environment,
 * 12333 social security, 12320 health, 12328 transport, 12348 legal aid,
 * 12319 urban management, 12358 prices; 110/119/120/122 emergency services.
 */
export const SERVICE_NUMBERS: ReadonlySet<string> = new Set([
  '12345', '12315', '12369', '12333', '12320', '12328', '12348', '12319', '12358', '12388',
  '110', '119', '120', '122',
]);

type Convert = (text: string) => string;
let toSimplified: Convert | undefined;

/** The last texts converted: intake converts each title and content for the word lists and again for the search document. */
const converted = new Map<string, string>();
const convertedKept = 512;

/** OpenCC traditional → simplified (`t2s`), loaded on first use (~15 ms). */
function traditionalToSimplified(text: string): string {
  const hit = converted.get(text);
  if (hit !== undefined) return hit;
  if (!toSimplified) {
    // The t2cn build carries only the traditional → simplified tables.
    const opencc = createRequire(import.meta.url)('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): Convert };
    toSimplified = opencc.Converter({ from: 't', to: 'cn' });
  }
  const out = toSimplified(text);
  if (converted.size >= convertedKept) converted.delete(converted.keys().next().value!);
  converted.set(text, out);
  return out;
}

/**
 * Full-width ASCII forms (Ａ１，) become half-width (A1,), the ideographic
 * space a plain space; other characters are kept.
 */
export function toHalfWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) { out += String.fromCharCode(c - 0xfee0); changed = true; }
    else if (c === 0x3000) { out += ' '; changed = true; }
    else out += text[i];
  }
  return changed ? out : text;
}

const ID_NUMBER = /(?<![a-z0-9])[1-9][0-9]{16}[0-9x](?![a-z0-9])/g;
const PHONE = /(?<![a-z0-9])(?:(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}|0[0-9]{2,3}[- ]?[0-9]{7,8})(?![a-z0-9])/g;
const NUMBER = /(?<![a-z0-9.])[0-9]+(?:\.[0-9]+)?(?![a-z0-9])/g;

/**
 * Replaces resident ID numbers with {@link ID_NUMBER_TOKEN}, phone numbers
 * (mobile and landline) with {@link PHONE_TOKEN} and
 * other free-standing numbers with {@link NUMBER_TOKEN}; numbers glued to
 * Latin letters (A3区, 5km) and {@link SERVICE_NUMBERS} are kept. Expects
 * half-width, lower-cased text (the tokens are upper-case so they cannot
 * collide with words of the text).
 */
export function maskNumbers(text: string): string {
  return text
    .replace(ID_NUMBER, ID_NUMBER_TOKEN)
    .replace(PHONE, PHONE_TOKEN)
    .replace(NUMBER, (n) => (SERVICE_NUMBERS.has(n) ? n : NUMBER_TOKEN));
}

export interface NormalizeOptions {
  /** Mask phone numbers and other numbers (default true). */
  maskNumbers?: boolean;
}

/**
 * The canonical form of a text: half-width, simplified characters, Latin
 * letters lower-cased, runs of white space collapsed to one space and,
 * unless disabled, numbers masked.
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  if (!text) return '';
  let t = traditionalToSimplified(toHalfWidth(text)).toLowerCase();
  if (options.maskNumbers ?? true) t = maskNumbers(t);
  return t.replace(/\s+/g, ' ').trim();
}
