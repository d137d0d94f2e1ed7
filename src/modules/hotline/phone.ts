import { sql, type Expression, type RawBuilder } from 'kysely';
import { invalidInput } from '../../domain/errors.ts';

/**
 * One comparable form of a Chinese phone number, so a caller is found
 * whatever way the number was typed or delivered: digits only; the country
 * code 86 removed when written `+86…`, `0086…` or `86` before an 11-digit
 * mobile; landlines given internationally get their trunk 0 back.
 *   '+86 138-0013-8000' → '13800138000'   '0086 359 1234567' → '03591234567'
 *   '0359-1234567'      → '03591234567'   '12345'            → '12345'
 * The migration's SQL function `ms_phone_key` is the same rule (it backs the
 * index on cases.citizen_phone); test/hotline/phone.test.ts keeps them equal.
 * Returns null when no digit is left.
 */
export function phoneKey(phone: string): string | null {
  const digits = phone.replace(/[^0-9]/g, '');
  let national: string;
  if (digits.startsWith('0086')) national = digits.slice(4);
  else if (phone.trim().startsWith('+') && digits.startsWith('86')) national = digits.slice(2);
  else if (digits.length === 13 && digits.startsWith('861')) national = digits.slice(2);
  else return digits === '' ? null : digits;
  if (national === '') return null;
  return national.startsWith('1') || national.startsWith('0') ? national : `0${national}`;
}

/**
 * The phone key of a number a person gave us.
 * @throws INVALID_INPUT when it holds letters or other stray characters, or fewer than 5 or more than 20 digits.
 */
export function requirePhone(phone: string): string {
  const key = /^[0-9+\-\s().]*$/.test(phone) ? phoneKey(phone) : null;
  if (!key || key.length < 5 || key.length > 20) {
    throw invalidInput(`电话号码格式不正确：${phone}`, `not a phone number: ${phone}`);
  }
  return key;
}

/** The SQL side of `phoneKey`, over a column: matches the expression index on cases. */
export function phoneKeySql(column: Expression<string | null>): RawBuilder<string | null> {
  return sql<string | null>`ms_phone_key(${column})`;
}
