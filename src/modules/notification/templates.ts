/**
 * Every text a notification or SMS carries, in one place. SMS go out in
 * Chinese (the citizens' language); staff notifications are stored in
 * Chinese with the facts they were made from (`NotificationFacts`), so a
 * reader whose screen is in English or traditional Chinese gets them in
 * that language (`renderNotification`). Fed from the case row at dispatch
 * time: outbox payloads carry no personal data, and no query code.
 */
import type { CitizenSmsPurpose } from './recipients.ts';

/** The SMS signature (短信签名) gateways require at the start of every message. */
export const smsSignature = '【12345】';

export interface CitizenSmsFacts {
  number: string;
  queryCode: string;
}

export const citizenSmsText: Record<CitizenSmsPurpose, (c: CitizenSmsFacts) => string> = {
  intake_receipt: (c) =>
    `${smsSignature}您的诉求已受理，工单号${c.number}，查询码${c.queryCode}，可凭工单号和查询码查询办理进度。请妥善保管查询码。`,
  reply_sent: (c) =>
    `${smsSignature}您反映的问题（工单号${c.number}）已办理答复，可凭工单号和查询码查询答复内容。感谢您的监督。`,
};

export interface StaffMessageFacts {
  type: string;
  number: string;
  caseTitle: string;
  payload: Record<string, unknown>;
}

export interface StaffMessage {
  title: string;
  body: string;
}

const maxNote = 300;
const noteOf = (p: Record<string, unknown>) => {
  const note = typeof p.note === 'string' ? p.note.trim() : '';
  return note.length > maxNote ? `${note.slice(0, maxNote)}…` : note;
};
const withNote = (text: string, label: string, p: Record<string, unknown>) => (noteOf(p) ? `${text}${label}：${noteOf(p)}` : text);
const stageZh = (p: Record<string, unknown>) => (p.stage === 'sign' ? '签收' : '办理');
const levelZh = (p: Record<string, unknown>) => (p.level === 'listed' ? '挂牌督办' : '督办');

const staffTexts: Record<string, (f: StaffMessageFacts) => StaffMessage> = {
  'case.dispatch': (f) => ({ title: `新派工单 ${f.number}`, body: `工单“${f.caseTitle}”已派至本单位，请及时签收。` }),
  'case.redispatch': (f) => ({ title: `改派工单 ${f.number}`, body: `工单“${f.caseTitle}”已改派至本单位，请及时签收。` }),
  'case.subDispatch': (f) => ({ title: `下派工单 ${f.number}`, body: `上级单位将工单“${f.caseTitle}”下派至本单位，请及时签收。` }),
  'case.overrule': (f) => ({ title: `退单被驳回 ${f.number}`, body: withNote(`热线中心驳回了工单“${f.caseTitle}”的退单，请重新签收办理。`, '理由', f.payload) }),
  'case.return': (f) => ({ title: `工单被退回 ${f.number}`, body: withNote(`工单“${f.caseTitle}”被退回。`, '原因', f.payload) }),
  'case.draftReply': (f) => ({ title: `待审签 ${f.number}`, body: `工单“${f.caseTitle}”的答复已拟写，请审签。` }),
  'case.signOff': (f) => ({ title: `待审核 ${f.number}`, body: `工单“${f.caseTitle}”的答复已审签，请审核。` }),
  'case.sendBack': (f) => ({ title: `答复被审核退回 ${f.number}`, body: withNote(`热线中心退回了工单“${f.caseTitle}”的答复。`, '意见', f.payload) }),
  'case.rejectDraft': (f) => ({ title: `答复稿退回修改 ${f.number}`, body: withNote(`单位负责人退回了工单“${f.caseTitle}”的答复稿。`, '意见', f.payload) }),
  'case.rehandle': (f) => ({ title: `工单重办 ${f.number}`, body: withNote(`工单“${f.caseTitle}”回访未满意，需重新办理。`, '说明', f.payload) }),
  'case.urge': (f) => ({ title: `催办 ${f.number}`, body: withNote(`工单“${f.caseTitle}”被催办，请抓紧办理。`, '说明', f.payload) }),
  'case.supervise': (f) => ({ title: `督办 ${f.number}`, body: withNote(`工单“${f.caseTitle}”已列为督办件，请按时办结。`, '说明', f.payload) }),
  'case.instruct': (f) => ({ title: `领导批示 ${f.number}`, body: withNote(`工单“${f.caseTitle}”有领导批示。`, '批示', f.payload) }),
  'case.requestExtension': (f) => ({ title: `延期申请 ${f.number}`, body: withNote(`工单“${f.caseTitle}”的承办单位申请延期${typeof f.payload.days === 'number' ? `${f.payload.days}个工作日` : ''}，请审批。`, '理由', f.payload) }),
  'case.approveExtension': (f) => ({ title: `延期已批准 ${f.number}`, body: `工单“${f.caseTitle}”的延期申请已批准，办理期限相应顺延。` }),
  'case.refuseExtension': (f) => ({ title: `延期被驳回 ${f.number}`, body: withNote(`工单“${f.caseTitle}”的延期申请未获批准，原期限不变。`, '理由', f.payload) }),
  'case.requestSuspension': (f) => ({ title: `挂起申请 ${f.number}`, body: withNote(`工单“${f.caseTitle}”的主办单位申请挂起，请审批。`, '理由', f.payload) }),
  'case.approveSuspension': (f) => ({ title: `工单已挂起 ${f.number}`, body: `工单“${f.caseTitle}”已批准挂起，办理计时暂停。` }),
  'case.refuseSuspension': (f) => ({ title: `挂起被驳回 ${f.number}`, body: withNote(`工单“${f.caseTitle}”的挂起申请未获批准，请继续办理。`, '理由', f.payload) }),
  'case.resume': (f) => ({ title: `恢复计时 ${f.number}`, body: `工单“${f.caseTitle}”已恢复办理计时，期限相应顺延。` }),
  'deadline.urged': (f) => ({
    title: `超期催办 ${f.number}`,
    body: `工单“${f.caseTitle}”已超过${stageZh(f.payload)}时限，系统自动催办，请抓紧${stageZh(f.payload)}。`,
  }),
  'deadline.escalated': (f) => ({
    title: `${levelZh(f.payload)} ${f.number}`,
    body: `工单“${f.caseTitle}”超期未${stageZh(f.payload) === '签收' ? '签收' : '办结'}，已升级为${levelZh(f.payload)}。`,
  }),
};

const withNoteEn = (text: string, label: string, p: Record<string, unknown>) => (noteOf(p) ? `${text} ${label}: ${noteOf(p)}` : text);
const stageEn = (p: Record<string, unknown>) => (p.stage === 'sign' ? 'signing' : 'handling');
const levelEn = (p: Record<string, unknown>) => (p.level === 'listed' ? 'Listed for supervision' : 'Supervised');

const staffTextsEn: Record<string, (f: StaffMessageFacts) => StaffMessage> = {
  'case.dispatch': (f) => ({ title: `New case ${f.number}`, body: `Case “${f.caseTitle}” was dispatched to your unit; please sign for it.` }),
  'case.redispatch': (f) => ({ title: `Case re-dispatched ${f.number}`, body: `Case “${f.caseTitle}” was re-dispatched to your unit; please sign for it.` }),
  'case.subDispatch': (f) => ({ title: `Case passed down ${f.number}`, body: `Your parent unit passed case “${f.caseTitle}” down to your unit; please sign for it.` }),
  'case.overrule': (f) => ({ title: `Return overruled ${f.number}`, body: withNoteEn(`The hotline centre overruled the return of case “${f.caseTitle}”; please sign for it and handle it.`, 'Reason', f.payload) }),
  'case.return': (f) => ({ title: `Case returned ${f.number}`, body: withNoteEn(`Case “${f.caseTitle}” was returned.`, 'Reason', f.payload) }),
  'case.draftReply': (f) => ({ title: `Reply to sign off ${f.number}`, body: `A reply to case “${f.caseTitle}” has been drafted; please sign it off.` }),
  'case.signOff': (f) => ({ title: `Reply to review ${f.number}`, body: `The reply to case “${f.caseTitle}” has been signed off; please review it.` }),
  'case.sendBack': (f) => ({ title: `Reply sent back ${f.number}`, body: withNoteEn(`The hotline centre sent back the reply to case “${f.caseTitle}”.`, 'Comments', f.payload) }),
  'case.rejectDraft': (f) => ({ title: `Draft reply to revise ${f.number}`, body: withNoteEn(`The unit head sent back the draft reply to case “${f.caseTitle}”.`, 'Comments', f.payload) }),
  'case.rehandle': (f) => ({ title: `Case to handle again ${f.number}`, body: withNoteEn(`The citizen was not satisfied at the callback of case “${f.caseTitle}”; it must be handled again.`, 'Note', f.payload) }),
  'case.urge': (f) => ({ title: `Urged ${f.number}`, body: withNoteEn(`Case “${f.caseTitle}” was urged; please speed up.`, 'Note', f.payload) }),
  'case.supervise': (f) => ({ title: `Supervised ${f.number}`, body: withNoteEn(`Case “${f.caseTitle}” is now supervised; please close it on time.`, 'Note', f.payload) }),
  'case.instruct': (f) => ({ title: `Leader's instruction ${f.number}`, body: withNoteEn(`A leader gave an instruction on case “${f.caseTitle}”.`, 'Instruction', f.payload) }),
  'case.requestExtension': (f) => ({ title: `Extension requested ${f.number}`, body: withNoteEn(`The handling unit of case “${f.caseTitle}” asks for an extension${typeof f.payload.days === 'number' ? ` of ${f.payload.days} working days` : ''}; please decide.`, 'Reason', f.payload) }),
  'case.approveExtension': (f) => ({ title: `Extension approved ${f.number}`, body: `The extension of case “${f.caseTitle}” was approved; its time limit moves accordingly.` }),
  'case.refuseExtension': (f) => ({ title: `Extension refused ${f.number}`, body: withNoteEn(`The extension of case “${f.caseTitle}” was refused; the time limit stays.`, 'Reason', f.payload) }),
  'case.requestSuspension': (f) => ({ title: `Suspension requested ${f.number}`, body: withNoteEn(`The lead unit of case “${f.caseTitle}” asks to suspend it; please decide.`, 'Reason', f.payload) }),
  'case.approveSuspension': (f) => ({ title: `Case suspended ${f.number}`, body: `Case “${f.caseTitle}” is suspended; its clock stops.` }),
  'case.refuseSuspension': (f) => ({ title: `Suspension refused ${f.number}`, body: withNoteEn(`The suspension of case “${f.caseTitle}” was refused; please go on handling it.`, 'Reason', f.payload) }),
  'case.resume': (f) => ({ title: `Clock resumed ${f.number}`, body: `The clock of case “${f.caseTitle}” runs again; its time limit moves accordingly.` }),
  'deadline.urged': (f) => ({
    title: `Overdue ${f.number}`,
    body: `Case “${f.caseTitle}” is past its ${stageEn(f.payload)} time limit; it was urged automatically. Please finish ${stageEn(f.payload)} it.`,
  }),
  'deadline.escalated': (f) => ({
    title: `${levelEn(f.payload)} ${f.number}`,
    body: `Case “${f.caseTitle}” was not ${f.payload.stage === 'sign' ? 'signed for' : 'closed'} in time; it is now ${levelEn(f.payload).toLowerCase()}.`,
  }),
};

/** The event types with a text of their own (in both languages). */
export const staffMessageTypes = Object.keys(staffTexts);

/** The in-app notification for an event; a neutral text for types without their own. */
export function staffMessage(f: StaffMessageFacts, lang: 'zh' | 'en' = 'zh'): StaffMessage {
  if (lang === 'en') return staffTextsEn[f.type]?.(f) ?? { title: `Case update ${f.number}`, body: `Case “${f.caseTitle}” has news (${f.type}).` };
  return staffTexts[f.type]?.(f) ?? { title: `工单动态 ${f.number}`, body: `工单“${f.caseTitle}”有新动态（${f.type}）。` };
}

/** A hot topic rising fast (hot topics, docs/hot-topics.md): no case named, no personal data. */
export interface SurgeFacts {
  label: string;
  last24h: number;
  /** Cases a day before the last 24 hours, on average; null when the topic is under a day older. */
  dailyBefore: number | null;
  total: number;
}

export function surgeMessage(f: SurgeFacts, lang: 'zh' | 'en' = 'zh'): StaffMessage {
  if (lang === 'en') {
    const rate = f.dailyBefore === null ? '' : ` (before: ${f.dailyBefore.toFixed(1)} a day)`;
    return { title: `Hot topic rising: ${f.label}`, body: `Hot topic “${f.label}”: ${f.last24h} new cases in 24 hours${rate}, ${f.total} in all. See the Hot topics page.` };
  }
  const rate = f.dailyBefore === null ? '' : `，此前日均${f.dailyBefore.toFixed(1)}件`;
  return { title: `热点快速升温：${f.label}`, body: `热点“${f.label}”24小时内新增${f.last24h}件${rate}，累计${f.total}件。请在“热点”页查看。` };
}

/** What a notification was made from, stored with it so it can be shown in the reader's language. */
export type NotificationFacts = { case: StaffMessageFacts } | { surge: SurgeFacts };

/** A notification in a language; null when its facts are unknown (rows older than the facts column: keep the stored text). */
export function renderNotification(facts: NotificationFacts | null, lang: 'zh' | 'en'): StaffMessage | null {
  if (!facts) return null;
  if ('case' in facts) return staffMessage(facts.case, lang);
  if ('surge' in facts) return surgeMessage(facts.surge, lang);
  return null;
}
