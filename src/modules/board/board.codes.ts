import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { smsSignature } from '../notification/templates.ts';
import { keyHash } from './board.repository.ts';
import { refuse } from './board.rules.ts';
import type { BoardPolicy } from './board.vocabulary.ts';

/**
 * SMS verification codes for the board's phone check. A code is six random
 * digits; only a salted SHA-256 of it is stored, with its expiry and a count
 * of tries. The SMS goes into `sms_messages` (the SMS outbox) in the same
 * transaction and is sent after commit by the `sms-send` job through the
 * configured driver (the log driver writes it to `<data dir>/sms.log`).
 */

export const codeSmsPurpose = 'board_code';
export const codeSmsText = (code: string) => `${smsSignature}您的领导留言板验证码为${code}，5分钟内有效。请勿告诉他人。`;

function hashCode(salt: string, phoneHash: string, code: string): string {
  return createHash('sha256').update(`${salt}:${phoneHash}:${code}`).digest('hex');
}

/**
 * Issues a code for `phone` and queues its SMS.
 * @throws BoardRefused codeWait (resend within `codeResendSeconds`), codeTooMany (per phone per day, per IP per hour).
 */
export async function issueCode(trx: Trx, p: { phone: string; ip: string; now: Date; policy: BoardPolicy }) {
  const phoneHash = keyHash('phone', p.phone);
  const ipHash = keyHash('ip', p.ip);
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`board-code:${phoneHash}`}))`.execute(trx);
  const last = await trx.selectFrom('boardSmsCodes').select('createdAt').where('phoneHash', '=', phoneHash)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  const sinceLast = last ? (p.now.getTime() - last.createdAt.getTime()) / 1000 : Infinity;
  if (sinceLast < p.policy.codeResendSeconds) {
    throw refuse('codeWait', { seconds: Math.ceil(p.policy.codeResendSeconds - sinceLast) }, 'phone');
  }
  const count = async (column: 'phoneHash' | 'ipHash', value: string, seconds: number) => Number((await trx.selectFrom('boardSmsCodes')
    .select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', value)
    .where('createdAt', '>', new Date(p.now.getTime() - seconds * 1000)).executeTakeFirstOrThrow()).n);
  if (await count('phoneHash', phoneHash, 86_400) >= p.policy.codesPerPhonePerDay
    || await count('ipHash', ipHash, 3_600) >= p.policy.codesPerIpPerHour) {
    throw refuse('codeTooMany', {}, 'phone');
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('base64url');
  await trx.insertInto('boardSmsCodes').values({
    phoneHash, ipHash, codeHash: `sha256$${salt}$${hashCode(salt, phoneHash, code)}`,
    createdAt: p.now, expiresAt: new Date(p.now.getTime() + p.policy.codeTtlSeconds * 1000),
  }).execute();
  await trx.insertInto('smsMessages').values({ outboxId: null, purpose: codeSmsPurpose, phone: p.phone, body: codeSmsText(code) }).execute();
}

/**
 * Checks a code against the newest one issued for the phone, counting the
 * try first (atomically, and committed in its own transaction, so a refused
 * submission still uses up a try). A matching code is not consumed here: the
 * submission consumes it in its own transaction (`consumeCode`), so a post
 * refused for another reason can be corrected and sent with the same code.
 * @throws BoardRefused codeExpired (none, used or expired), codeAttempts (tries used up), codeWrong.
 */
export async function verifyCode(db: Db, p: { phone: string; code: string; now: Date; policy: BoardPolicy }): Promise<number> {
  const phoneHash = keyHash('phone', p.phone);
  const outcome = await db.transaction().execute(async (trx) => {
    const latest = trx.selectFrom('boardSmsCodes').select('id').where('phoneHash', '=', phoneHash).orderBy('id', 'desc').limit(1);
    const tried = await trx.updateTable('boardSmsCodes').set({ attempts: sql`attempts + 1` })
      .where('id', '=', latest).where('consumedAt', 'is', null).where('expiresAt', '>', p.now)
      .where('attempts', '<', p.policy.codeMaxAttempts)
      .returning(['id', 'codeHash', 'attempts']).executeTakeFirst();
    if (tried) return { tried };
    const row = await trx.selectFrom('boardSmsCodes').select(['attempts', 'consumedAt', 'expiresAt'])
      .where('phoneHash', '=', phoneHash).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const usedUp = row && !row.consumedAt && row.expiresAt > p.now && row.attempts >= p.policy.codeMaxAttempts;
    return { failure: usedUp ? 'codeAttempts' as const : 'codeExpired' as const };
  });
  if ('failure' in outcome) throw refuse(outcome.failure!, {}, 'code');
  const { id, codeHash, attempts } = outcome.tried;
  const [, salt, expected] = codeHash.split('$');
  const actual = hashCode(salt, phoneHash, p.code);
  if (!timingSafeEqual(Buffer.from(actual, 'hex'), Buffer.from(expected, 'hex'))) {
    const left = p.policy.codeMaxAttempts - attempts;
    throw left > 0 ? refuse('codeWrong', { left }, 'code') : refuse('codeAttempts', {}, 'code');
  }
  return id;
}

/**
 * Marks a verified code used, in the submission's transaction (so it is used
 * only if the post is written).
 * @throws BoardRefused codeExpired when another submission used it first.
 */
export async function consumeCode(trx: Trx, codeId: number, now: Date) {
  const res = await trx.updateTable('boardSmsCodes').set({ consumedAt: now })
    .where('id', '=', codeId).where('consumedAt', 'is', null).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw refuse('codeExpired', {}, 'code');
}
