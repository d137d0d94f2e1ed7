import type { Db, Queryable, Trx } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import type { Ctx, SessionActor } from '../../http/context.ts';
import { createCase } from '../case/case.intake.ts';
import { loadActor } from '../user/user.repository.ts';
import { consumeCode } from './board.codes.ts';
import * as boards from './board.repository.ts';
import { BoardRefused, findBannedWord, refuse, type CheckedPost } from './board.rules.ts';
import { newStorageName, removeFiles, writeImages, type CheckedImage } from './board.uploads.ts';
import type { BoardPolicy } from './board.vocabulary.ts';
import { maskName, redact } from './redact.ts';

/**
 * The board's commands: a citizen's post becomes a case (through the real
 * `createCase`) and a pending board post; moderators publish or reject it.
 */

/**
 * The board intake account (`board-intake`, 领导留言板受理（系统）): the actor
 * that takes citizens' posts in, in the 12345 centre (or the root unit when
 * there is no centre), with the operator role. It cannot log in: its password
 * hash is not a valid hash. Created on first use (and by `seedBoards`).
 */
export const BOARD_INTAKE_USERNAME = 'board-intake';

export async function ensureBoardIntakeUser(db: Queryable): Promise<number> {
  const existing = await db.selectFrom('users').select('id').where('username', '=', BOARD_INTAKE_USERNAME).executeTakeFirst();
  if (existing) return existing.id;
  const unit = await db.selectFrom('units').select('id')
    .where((eb) => eb.or([eb('kind', '=', 'centre'), eb('parentId', 'is', null)]))
    .orderBy((eb) => eb.case().when('kind', '=', 'centre').then(0).else(1).end()).orderBy('id').limit(1).executeTakeFirst();
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { detail: 'centre' });
  await db.insertInto('users').values({
    username: BOARD_INTAKE_USERNAME, displayName: '领导留言板受理（系统）', unitId: unit.id, roles: ['operator'], passwordHash: '!no-login',
  }).onConflict((oc) => oc.column('username').doNothing()).execute();
  const row = await db.selectFrom('users').select('id').where('username', '=', BOARD_INTAKE_USERNAME).executeTakeFirstOrThrow();
  return row.id;
}

async function boardIntakeActor(trx: Trx): Promise<SessionActor> {
  const actor = await loadActor(trx, await ensureBoardIntakeUser(trx));
  if (!actor) throw new DomainError('USER_NOT_FOUND', { detail: BOARD_INTAKE_USERNAME });
  return actor;
}

/** @throws BoardRefused bannedWord when the public text holds a listed word. */
export async function checkBannedWords(db: Queryable, texts: string[]) {
  const words = (await boards.listBannedWords(db)).map((w) => w.word);
  const found = findBannedWord(texts, words);
  if (found) throw refuse('bannedWord', { word: found });
}

/** @throws BoardRefused tooFrequentPhone / tooFrequentIp when the day's posts from this phone or IP are used up. */
export async function checkPostingLimits(db: Queryable, p: { phone: string; ip: string; now: Date; policy: BoardPolicy }) {
  const since = new Date(p.now.getTime() - 86_400_000);
  if (await boards.countPostsByPhone(db, p.phone, since) >= p.policy.postsPerPhonePerDay) {
    throw refuse('tooFrequentPhone', { limit: p.policy.postsPerPhonePerDay }, 'phone');
  }
  if (await boards.countPostsByIp(db, boards.keyHash('ip', p.ip), since) >= p.policy.postsPerIpPerDay) {
    throw refuse('tooFrequentIp', { limit: p.policy.postsPerIpPerDay });
  }
}

export interface SubmitPost {
  board: boards.BoardRow;
  post: CheckedPost;
  images: CheckedImage[];
  ip: string;
  /** The verified SMS code, consumed here. */
  codeId: number;
  now: Date;
  casePrefix: string;
  dataDir: string;
  policy: BoardPolicy;
}

/**
 * Writes a checked post: the case (channel `board`, leader key = board key,
 * state received) with its attachments, the pending board post, the images
 * on disk. Limits are checked again under a per-phone and per-IP lock, so
 * parallel submissions cannot pass them together.
 * @throws BoardRefused tooFrequentPhone, tooFrequentIp, codeExpired (code used meanwhile), badChoice (region).
 */
export async function submitPost(trx: Trx, p: SubmitPost) {
  const ipHash = boards.keyHash('ip', p.ip);
  await boards.lockPosting(trx, boards.keyHash('phone', p.post.phone), ipHash);
  await checkPostingLimits(trx, { phone: p.post.phone, ip: p.ip, now: p.now, policy: p.policy });
  await consumeCode(trx, p.codeId, p.now);
  const regionUnitId = await regionOf(trx, p.board, p.post.region);
  const actor = await boardIntakeActor(trx);
  const ctx: Ctx = { trx, actor, lang: 'zh', now: p.now, casePrefix: p.casePrefix };
  const files = p.images.map((img) => ({ ...img, storageName: newStorageName(img.ext) }));
  const row = await createCase(ctx, {
    channel: 'board', type: p.post.type, urgency: 'normal', title: p.post.title, content: p.post.content,
    citizenName: p.post.name, citizenPhone: p.post.phone, leaderKey: p.board.key, regionUnitId,
    attachments: files.map((f) => ({ fileName: f.storageName, mimeType: f.mimeType, sizeBytes: f.data.length, sha256: f.sha256 })),
  });
  const post = await trx.insertInto('boardPosts').values({
    boardId: p.board.id, caseId: row.id, domain: p.post.domain, displayName: maskName(p.post.name),
    originalTitle: p.post.title, originalContent: p.post.content, hiddenRemark: p.post.remark, ipHash, submittedAt: p.now,
  }).returning('id').executeTakeFirstOrThrow();
  if (files.length) {
    const attachments = await trx.selectFrom('attachments').select(['id', 'fileName']).where('caseId', '=', row.id).execute();
    const idOf = new Map(attachments.map((a) => [a.fileName, a.id]));
    await trx.insertInto('boardPostImages').values(files.map((f, i) => ({
      attachmentId: idOf.get(f.storageName)!, postId: post.id, storageName: f.storageName, position: i + 1,
    }))).execute();
  }
  // Last, so a failure above writes no file; a failed commit after this is cleaned up by the caller.
  const written = await writeImages(p.dataDir, files);
  return { postId: post.id, caseId: row.id, caseNumber: row.number, queryCode: row.queryCode, files: written };
}

/** Runs `submitPost` in its own transaction; removes the written files when the commit fails. */
export async function submitPostInTransaction(db: Db, p: SubmitPost) {
  let files: string[] = [];
  try {
    return await db.transaction().execute(async (trx) => {
      const out = await submitPost(trx, p);
      files = out.files;
      return out;
    });
  } catch (err) {
    await removeFiles(files);
    throw err;
  }
}

async function regionOf(db: Queryable, board: boards.BoardRow, regionKey: string | null): Promise<number | null> {
  if (regionKey) {
    const region = (await boards.listRegions(db)).find((r) => r.key === regionKey);
    if (!region) throw new BoardRefused([{ code: 'badChoice', field: 'region' }]);
    return region.id;
  }
  return board.unitKind === 'region' && board.unitLevel === 2 ? board.unitId : null;
}

export interface PublishPost {
  postId: number;
  title?: string;
  content?: string;
  hideImages?: boolean;
}

/**
 * Publishes a post (先审后发): the moderator's edited title/content, or the
 * original, redacted automatically (phones, ID numbers, e-mails, the writer's
 * real name). The original stays untouched. Publishing again replaces the
 * published text.
 * @throws NOT_FOUND for an unknown post; INVALID_INPUT for empty text.
 */
export async function publishPost(ctx: Ctx, p: PublishPost) {
  const post = await boards.findPostForStaff(ctx.trx, p.postId, { lock: true });
  const title = (p.title ?? post.originalTitle).trim();
  const content = (p.content ?? post.originalContent).trim();
  if (!title || !content) throw invalidInput('标题和内容不能为空', 'title and content must not be empty');
  const names = [post.citizenName];
  await ctx.trx.updateTable('boardPosts').set({
    status: 'published', publishedTitle: redact(title, { names }), publishedContent: redact(content, { names }),
    hideImages: p.hideImages ?? post.hideImages, rejectReason: null,
    moderatedBy: ctx.actor.userId, moderatedAt: ctx.now, publishedAt: post.publishedAt ?? ctx.now,
  }).where('id', '=', p.postId).execute();
  return boards.findPostForStaff(ctx.trx, p.postId);
}

/**
 * Refuses publication with a reason (the case itself goes on being handled
 * through its lifecycle). A published post disappears from the public pages.
 * @throws NOT_FOUND for an unknown post.
 */
export async function rejectPost(ctx: Ctx, p: { postId: number; reason: string }) {
  await boards.findPostForStaff(ctx.trx, p.postId, { lock: true });
  await ctx.trx.updateTable('boardPosts').set({
    status: 'rejected', rejectReason: p.reason.trim(), moderatedBy: ctx.actor.userId, moderatedAt: ctx.now,
  }).where('id', '=', p.postId).execute();
  return boards.findPostForStaff(ctx.trx, p.postId);
}
