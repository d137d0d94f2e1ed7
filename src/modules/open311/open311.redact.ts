/**
 * Takes personal data out of free text before it is published: e-mail
 * addresses, resident ID numbers (身份证号), mobile and landline phone numbers,
 * any other run of 7 or more digits (bank cards, QQ numbers, a phone written
 * without spaces), and — when the caller knows them — the submitter's own name,
 * phone and e-mail however they were written. Pure: no I/O.
 *
 * Short numbers that carry meaning stay: 12345 (the hotline), 110, house
 * numbers, years, dates written with separators (2026-05-12), amounts.
 */

export const REDACTED = {
  email: '[邮箱已隐去]',
  idNumber: '[证件号已隐去]',
  phone: '[电话已隐去]',
  number: '[号码已隐去]',
  name: '[姓名已隐去]',
} as const;

/** ASCII and full-width digits (１３８…), which citizens type on Chinese keyboards. */
const D = '[0-9\\uFF10-\\uFF19]';
const notDigitBefore = `(?<!${D})`;
const notDigitAfter = `(?!${D})`;
const SEP = '[-\\s\\u2010-\\u2015\\uFF0D]?';

const EMAIL = /[A-Za-z0-9._%+\-\uFF10-\uFF19]+[@\uFF20][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/g;
/** 18-digit resident ID (last character may be X) and the old 15-digit one. */
const ID_NUMBER = new RegExp(`${notDigitBefore}(?:${D}{17}[0-9Xx\\uFF38\\uFF58]|${D}{15})(?![0-9A-Za-z\\uFF10-\\uFF19])`, 'g');
/** Mainland mobiles (+86 optional), written whole or in 3-4-4 groups. */
const MOBILE = new RegExp(`${notDigitBefore}(?:(?:\\+|\\uFF0B)?(?:86|\\uFF18\\uFF16)${SEP})?[1\\uFF11][3-9\\uFF13-\\uFF19]${D}${SEP}${D}{4}${SEP}${D}{4}${notDigitAfter}`, 'g');
/** Landlines with an area code: 0571-88886666, (010) 12345678, 021 5555 6666, with an optional extension. */
const LANDLINE = new RegExp(
  `${notDigitBefore}(?:[(（]?[0\\uFF10]${D}{2,3}[)）]?${SEP})${D}{3,4}${SEP}${D}{4}(?:(?:-|转|ext\\.?)${D}{1,6})?${notDigitAfter}`,
  'g',
);
/** Anything else that is 7 or more digits in a row. */
const LONG_NUMBER = new RegExp(`${notDigitBefore}${D}{7,}${notDigitAfter}`, 'g');

export interface KnownPersonalData {
  /** Names as given (full name, given name, family name); values under 2 characters are ignored. */
  names?: readonly (string | null | undefined)[];
  phones?: readonly (string | null | undefined)[];
  emails?: readonly (string | null | undefined)[];
}

/** `text` with personal data replaced by the markers in {@link REDACTED}. */
export function redactPersonalData(text: string, known: KnownPersonalData = {}): string {
  let out = text;
  for (const email of clean(known.emails, 3)) out = replaceAllLiteral(out, email, REDACTED.email);
  for (const phone of clean(known.phones, 5)) {
    const digits = phone.replace(/\D/g, '');
    if (digits.length >= 5) out = out.replace(digitsAnyhowWritten(digits), REDACTED.phone);
  }
  out = out
    .replace(EMAIL, REDACTED.email)
    .replace(ID_NUMBER, REDACTED.idNumber)
    .replace(MOBILE, REDACTED.phone)
    .replace(LANDLINE, REDACTED.phone)
    .replace(LONG_NUMBER, REDACTED.number);
  // Longest first, so 张伟 goes before 伟 could ever be considered (single characters are never replaced).
  const names = clean(known.names, 2).sort((a, b) => b.length - a.length);
  for (const name of names) out = replaceAllLiteral(out, name, REDACTED.name);
  return out;
}

function clean(values: readonly (string | null | undefined)[] | undefined, minLength: number): string[] {
  return [...new Set((values ?? []).map((v) => (v ?? '').trim()).filter((v) => [...v].length >= minLength))];
}

/** Every occurrence of `needle`, ignoring case; a Latin word only as a whole word (Li, not the li of public). */
function replaceAllLiteral(text: string, needle: string, replacement: string): string {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = (edge: string | undefined) => (edge && /[A-Za-z0-9]/.test(edge) ? '\\b' : '');
  return text.replace(new RegExp(`${word(needle[0])}${escaped}${word(needle.at(-1))}`, 'gi'), replacement);
}

/** The digits of a known phone number, whatever separators or full-width forms were used between them. */
function digitsAnyhowWritten(digits: string): RegExp {
  const one = (d: string) => `[${d}${String.fromCharCode(0xff10 + Number(d))}]`;
  return new RegExp(`${notDigitBefore}${[...digits].map(one).join('[-\\s]?')}${notDigitAfter}`, 'g');
}
