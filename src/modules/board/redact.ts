/**
 * Redaction of personal data in text that goes public (published board posts
 * and replies), and the masked display name. Pure: tested in
 * test/board/redact.test.ts.
 *
 * What is caught: mainland mobile numbers (with +86, spaces or dashes),
 * landlines with an area code (0359-1234567, (010)12345678), 18-character
 * resident ID numbers (last character may be X), e-mail addresses, any other
 * run of 15 or more digits (bank cards, old IDs), and names the caller knows
 * (the writer's real name). Full-width digits count as digits. Case numbers,
 * dates, amounts and short service numbers (12345, 110) are left alone.
 */

const D = '[0-9０-９]';
const SEP = '[-\\s－]?';
const notDigitBefore = `(?<![0-9０-９])`;
const notDigitAfter = `(?![0-9０-９])`;

export const redactionMarks = {
  phone: '【电话已隐去】',
  id: '【证件号已隐去】',
  email: '【邮箱已隐去】',
  number: '【号码已隐去】',
} as const;

const patterns: Array<{ re: RegExp; mark: string }> = [
  { re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, mark: redactionMarks.email },
  // An 18-character resident ID, possibly written in groups (6-8-4).
  { re: new RegExp(`${notDigitBefore}${D}{6}${SEP}${D}{8}${SEP}${D}{3}[0-9０-９Xxｘ](?![0-9０-９A-Za-z])`, 'g'), mark: redactionMarks.id },
  // Mobile: 1[3-9]x xxxx xxxx, optionally +86 / 86 / 0086 first.
  { re: new RegExp(`${notDigitBefore}(?:(?:\\+|＋|00)?86${SEP})?[1１][3-9３-９]${D}${SEP}${D}{4}${SEP}${D}{4}${notDigitAfter}`, 'g'), mark: redactionMarks.phone },
  // Landline with area code: 0xx(x)-xxxxxxx(x), optionally in brackets, optional extension.
  { re: new RegExp(`(?:[（(][0０]${D}{2,3}[)）]|${notDigitBefore}[0０]${D}{2,3})${SEP}${D}{7,8}(?:${SEP}(?:转|ext\\.?|x)${SEP}${D}{1,5})?${notDigitAfter}`, 'g'), mark: redactionMarks.phone },
  // Whatever long digit run is left (bank cards, 15-digit IDs, phones run together).
  { re: new RegExp(`${D}{15,}`, 'g'), mark: redactionMarks.number },
];

export interface RedactOptions {
  /** Names to replace by their masked form, e.g. the writer's real name. */
  names?: readonly (string | null | undefined)[];
}

/** The text with personal data replaced by marks; everything else unchanged. */
export function redact(text: string, opts: RedactOptions = {}): string {
  let out = text;
  for (const { re, mark } of patterns) out = out.replace(re, mark);
  for (const raw of opts.names ?? []) {
    const name = raw?.trim();
    if (!name || [...name].length < 2) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(escaped, 'gi'), maskName(name));
  }
  return out;
}

/**
 * The public form of a real name: the first character and two stars (陈**),
 * whatever the name's length, so the length is not revealed either.
 */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first ? `${first}**` : '**';
}
