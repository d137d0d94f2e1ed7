import { shanghaiDate, requireIsoDate } from '../../domain/calendar.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/roles.ts';
import type { Ctx } from '../../http/context.ts';
import * as repo from './knowledge.repository.ts';
import { tsvectorLiteral } from './knowledge.text.ts';

/**
 * The knowledge base (知识库): one command per action. Entries are written by
 * administrators, operators and dispatchers ('knowledge.write'); the search
 * vector is rebuilt from the text on every write.
 */

export interface KnowledgeFields {
  categoryId: number | null;
  question: string;
  answer: string;
  keywords: string[];
  /** 'YYYY-MM-DD', Asia/Shanghai: shown from the start of that day. */
  validFrom: string;
  /** 'YYYY-MM-DD', Asia/Shanghai, inclusive: hidden after the end of that day; null for no end. */
  validTo: string | null;
  active: boolean;
}

function requireWriter(ctx: Ctx) {
  if (!hasPermission(ctx.actor.roles, 'knowledge.write')) throw new DomainError('FORBIDDEN');
}

/** @throws INVALID_INPUT for an unknown or inactive category, bad dates, an end before the start. */
async function checkFields(ctx: Ctx, f: KnowledgeFields): Promise<KnowledgeFields> {
  requireIsoDate(f.validFrom);
  if (f.validTo !== null) requireIsoDate(f.validTo);
  if (f.validTo !== null && f.validTo < f.validFrom) {
    throw invalidInput(`有效期截止日 ${f.validTo} 早于起始日 ${f.validFrom}`, `validTo ${f.validTo} is before validFrom ${f.validFrom}`);
  }
  if (f.categoryId !== null) {
    const cat = await ctx.trx.selectFrom('categories').select('active').where('id', '=', f.categoryId).executeTakeFirst();
    if (!cat?.active) throw invalidInput(`分类 ${f.categoryId} 不存在`, `category ${f.categoryId} does not exist`);
  }
  const question = f.question.trim();
  const answer = f.answer.trim();
  if (question.length < 2 || answer.length < 2) throw invalidInput('问题和答案不能为空', 'question and answer must not be empty');
  const keywords = [...new Set(f.keywords.map((k) => k.trim()).filter(Boolean))];
  return { ...f, question, answer, keywords };
}

/** The search vector: question and keywords weigh most (A), the answer less (B). */
export function searchVectorOf(f: Pick<KnowledgeFields, 'question' | 'answer' | 'keywords'>): string {
  return tsvectorLiteral([{ text: f.question, weight: 'A' }, { text: f.answer, weight: 'B' }], f.keywords);
}

/**
 * Adds an entry to the knowledge base.
 * @throws FORBIDDEN without 'knowledge.write'; INVALID_INPUT for bad fields.
 */
export async function createKnowledgeEntry(ctx: Ctx, props: Partial<KnowledgeFields> & Pick<KnowledgeFields, 'question' | 'answer'>): Promise<number> {
  requireWriter(ctx);
  const f = await checkFields(ctx, {
    categoryId: props.categoryId ?? null, question: props.question, answer: props.answer, keywords: props.keywords ?? [],
    validFrom: props.validFrom ?? shanghaiDate(ctx.now), validTo: props.validTo ?? null, active: props.active ?? true,
  });
  return repo.insertEntry(ctx.trx, { ...f, searchText: searchVectorOf(f), createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId });
}

/**
 * Changes the given fields of an entry, if nobody changed it since `version`.
 * @throws FORBIDDEN; NOT_FOUND; STALE_VERSION; INVALID_INPUT for bad fields.
 */
export async function updateKnowledgeEntry(ctx: Ctx, props: Partial<KnowledgeFields> & { id: number; version: number }): Promise<void> {
  requireWriter(ctx);
  const current = await repo.findEntry(ctx.trx, props.id);
  const pick = <K extends keyof KnowledgeFields>(k: K): KnowledgeFields[K] => (props[k] !== undefined ? props[k] : current[k]) as KnowledgeFields[K];
  const f = await checkFields(ctx, {
    categoryId: pick('categoryId'), question: pick('question'), answer: pick('answer'), keywords: pick('keywords'),
    validFrom: pick('validFrom'), validTo: pick('validTo'), active: pick('active'),
  });
  await repo.updateEntry(ctx.trx, props.id, props.version, { ...f, searchText: searchVectorOf(f), updatedBy: ctx.actor.userId });
}

/**
 * Deletes an entry that never answered a case; one that did is kept for the
 * record and can only be deactivated (停用: `active: false`).
 * @throws FORBIDDEN; NOT_FOUND; CONFLICT when cases were answered with it.
 */
export async function deleteKnowledgeEntry(ctx: Ctx, props: { id: number }): Promise<void> {
  requireWriter(ctx);
  await repo.findEntry(ctx.trx, props.id);
  const uses = await repo.countUses(ctx.trx, props.id);
  if (uses > 0) {
    throw new DomainError('CONFLICT', {
      detail: `已有 ${uses} 件工单引用该知识条目，只能停用`, detail_en: `${uses} case(s) were answered with this entry; deactivate it instead`,
    });
  }
  await repo.deleteEntry(ctx.trx, props.id);
}

/**
 * Records that an entry answered a case (直接办结 from the knowledge base) and
 * counts the use; called by `answerCase` inside its transition.
 * @throws INVALID_INPUT when the entry does not exist, is inactive or outside its validity today.
 */
export async function recordKnowledgeUse(ctx: Ctx, props: { caseId: number; knowledgeId: number }) {
  const entry = await repo.bumpUseCount(ctx.trx, props.knowledgeId, shanghaiDate(ctx.now));
  if (!entry) {
    throw invalidInput(
      `知识条目 ${props.knowledgeId} 不存在、已停用或不在有效期内`,
      `knowledge entry ${props.knowledgeId} does not exist, is inactive or is not valid today`,
    );
  }
  await repo.insertUse(ctx.trx, { caseId: props.caseId, knowledgeId: entry.id, at: ctx.now, userId: ctx.actor.userId });
  return entry;
}
