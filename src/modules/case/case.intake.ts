import type { CaseRow } from '../../db/schema.ts';
import { invalidInput } from '../../domain/errors.ts';
import type { Ctx } from '../../http/context.ts';
import { recordKnowledgeUse } from '../knowledge/knowledge.commands.ts';
import { requireUnit } from '../org/org.repository.ts';
import { transition, type ActionProps } from './case.transition.ts';
import { takeInAppeal, type Intake, type IntakeOptions } from './case.create.ts';
import { withIntakeWords } from '../wordlist/wordlist.intake.ts';
import { wordListsAt } from '../wordlist/wordlist.cache.ts';
import { recheckCorrected, type WordsBefore } from '../wordlist/wordlist.rules.ts';
import { readConfigVersion } from '../deadline/config.cache.ts';
import { autoDispatchIfConfident } from '../routing/routing.autodispatch.ts';
import { duplicateText, placeText } from '../../domain/similarity.ts';
import { textBands } from '../duplicate/duplicate.signature.ts';
import { recordMergedContact } from '../duplicate/duplicate.repository.ts';
import { caseTypes, urgencies, type CaseType, type Channel, type Urgency } from './case.vocabulary.ts';

/** Intake (受理), registration (登记立项) and the three ways a case ends at intake. */

export interface Classification {
  type?: CaseType;
  categoryId?: number | null;
  urgency?: Urgency;
  regionUnitId?: number | null;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  title?: string;
  content?: string;
  subject?: string | null;
}

export interface NewAppeal extends Classification {
  channel: Channel;
  type: CaseType;
  urgency: Urgency;
  title: string;
  content: string;
  citizenName?: string | null;
  citizenPhone?: string | null;
  citizenSex?: string | null;
  citizenOrg?: string | null;
  confidential?: boolean;
  leaderKey?: string | null;
  attachments?: { fileName: string; mimeType: string; sizeBytes: number; sha256?: string }[];
  /** When the appeal arrived, if earlier than now (imports, the demo city). */
  receivedAt?: Date;
  /** Register at once (an operator typing a call in has already checked it). */
  register?: boolean;
  /**
   * Send the citizen the intake SMS (receipt with the query code). Default
   * true (live channels); imports pass false: their citizens wrote long ago
   * or elsewhere. Carried in the intake events' payload for the outbox job.
   */
  notifyCitizen?: boolean;
}

async function checkClassification(ctx: Ctx, c: Classification) {
  if (c.type && !caseTypes.includes(c.type)) throw invalidInput(`诉求类型无效：${c.type}`, `unknown type: ${c.type}`);
  if (c.urgency && !urgencies.includes(c.urgency)) throw invalidInput(`紧急程度无效：${c.urgency}`, `unknown urgency: ${c.urgency}`);
  if (c.categoryId != null) {
    const cat = await ctx.trx.selectFrom('categories').select(['id', 'active']).where('id', '=', c.categoryId).executeTakeFirst();
    if (!cat || !cat.active) throw invalidInput(`分类 ${c.categoryId} 不存在`, `category ${c.categoryId} does not exist`);
  }
  if (c.regionUnitId != null) {
    const unit = await ctx.trx.selectFrom('units').select(['kind']).where('id', '=', c.regionUnitId).executeTakeFirst();
    if (!unit || unit.kind !== 'region') throw invalidInput(`区域 ${c.regionUnitId} 不存在`, `region ${c.regionUnitId} does not exist`);
  }
  if ((c.lat == null) !== (c.lng == null)) throw invalidInput('经纬度须同时提供', 'give both latitude and longitude');
}

/**
 * Takes in an appeal from any channel (受理) and gives it a number and a
 * query code; optionally registers it in the same transaction. Two
 * statements (case.create.ts); `takeInAppeal` also offers likely repeats.
 * @throws INVALID_INPUT for unknown vocabulary, category or region.
 */
export async function createCase(ctx: Ctx, props: NewAppeal): Promise<CaseRow> {
  return (await takeInChecked(ctx, props)).row;
}

/**
 * `takeInAppeal` with the intake word lists (urgent words raise urgency,
 * sensitive ones flag for review) and, for a case registered at once, the
 * admin's auto-dispatch (docs/routing.md). No extra query unless a word matches
 * or auto-dispatch is on.
 */
export async function takeInChecked(ctx: Ctx, props: NewAppeal, opts: IntakeOptions = {}): Promise<Intake> {
  const { configVersion, ...intake } = await withIntakeWords(ctx, props, (appeal) => takeInAppeal(ctx, appeal, opts));
  const row = await autoDispatchIfConfident(ctx, intake.row, configVersion);
  return row === intake.row ? intake : { ...intake, row, known: null };
}

/** The repeat check's view of a corrected text: the normalised text and its MinHash bands. */
function textSignature(dupText: string, receivedAt: Date | string) {
  return { dupText, dupBands: textBands(dupText, new Date(receivedAt)) };
}

/**
 * The intake word lists on a text corrected at registration
 * (`recheckCorrected`): new sensitive words flag the case, urgent ones
 * raise its urgency unless the registrar set it. Nothing when the text is
 * not corrected or nothing changes.
 */
async function wordsOnCorrection(ctx: Ctx, current: CaseRow, props: Classification) {
  if (props.title === undefined && props.content === undefined) return {};
  const lists = await wordListsAt(ctx.trx, await readConfigVersion(ctx.trx));
  const change = recheckCorrected(lists, {
    title: props.title ?? current.title, content: props.content ?? current.content,
    urgency: (props.urgency ?? current.urgency) as Urgency, urgencyGiven: props.urgency !== undefined,
  }, { reviewFlagged: current.reviewFlagged, hits: current.wordHits as WordsBefore['hits'] });
  return change ? { urgency: change.urgency, reviewFlagged: change.reviewFlagged, wordHits: JSON.stringify(change.hits) } : {};
}

/** Checks and classifies an appeal (登记立项); fields given here overwrite intake's. */
export async function registerCase(ctx: Ctx, props: ActionProps & Classification) {
  await checkClassification(ctx, props);
  const registered = await transition(ctx, 'register', props, async ({ current }) => ({
    patch: {
      registeredAt: ctx.now,
      ...pick(props, ['type', 'categoryId', 'urgency', 'regionUnitId', 'address', 'lat', 'lng', 'title', 'content', 'subject']),
      // The repeat check compares the corrected text and address from now on.
      ...(props.title !== undefined || props.content !== undefined
        ? textSignature(duplicateText(props.title ?? current.title, props.content ?? current.content), current.receivedAt) : {}),
      ...(props.address !== undefined ? { dupPlace: placeText(props.address) } : {}),
      // The word lists look at the corrected text as they looked at the original.
      ...(await wordsOnCorrection(ctx, current, props)),
    },
  }));
  // The admin's auto-dispatch, when on and confident enough (docs/routing.md).
  return autoDispatchIfConfident(ctx, registered);
}

/** Not accepted (不予受理), with a reason from the configurable list. */
export async function rejectCase(ctx: Ctx, props: ActionProps & { reasonCode: string }) {
  const reason = await ctx.trx.selectFrom('rejectReasons').selectAll().where('code', '=', props.reasonCode).where('active', '=', true).executeTakeFirst();
  if (!reason) throw invalidInput(`不予受理原因无效：${props.reasonCode}`, `unknown rejection reason: ${props.reasonCode}`);
  return transition(ctx, 'reject', props, async () => ({
    patch: { rejectReasonCode: reason.code, closedAt: ctx.now },
    data: { reasonCode: reason.code, reason: reason.labelZh },
  }));
}

/**
 * Merges a repeat into an existing case (并单): the citizen follows that case,
 * where the appeal is listed as a contact (case_contacts).
 * @throws INVALID_INPUT when the target is this case, unknown, or itself merged or rejected.
 */
export async function mergeCase(ctx: Ctx, props: ActionProps & { intoCaseId: number }) {
  if (props.intoCaseId === props.caseId) throw invalidInput('不能并入自身', 'a case cannot merge into itself');
  const target = await ctx.trx.selectFrom('cases').select(['id', 'number', 'state']).where('id', '=', props.intoCaseId).executeTakeFirst();
  if (!target || target.state === 'merged' || target.state === 'rejected') {
    throw invalidInput(`目标工单 ${props.intoCaseId} 不存在或不能并入`, `target case ${props.intoCaseId} does not exist or cannot take merges`);
  }
  const merged = await transition(ctx, 'merge', props, async () => ({
    patch: { mergedIntoId: target.id, closedAt: ctx.now },
    data: { intoCaseId: target.id, intoNumber: target.number },
  }));
  // The citizen now follows the target: this appeal becomes one of its contacts.
  await recordMergedContact(ctx.trx, merged, target.id);
  return merged;
}

/**
 * Answered at once and closed (直接办结), e.g. an inquiry from the knowledge
 * base: `knowledgeId` records the entry used (case_knowledge_uses and the history entry's data).
 */
export async function answerCase(ctx: Ctx, props: ActionProps & { knowledgeId?: number }) {
  return transition(ctx, 'answer', props, async () => {
    const used = props.knowledgeId === undefined ? undefined : await recordKnowledgeUse(ctx, { caseId: props.caseId, knowledgeId: props.knowledgeId });
    return { patch: { directAnswer: props.note!.trim(), closedAt: ctx.now }, data: used && { knowledgeId: used.id } };
  });
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

