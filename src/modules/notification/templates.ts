/**
 * Every text a notification or SMS carries, in one place, in Chinese (the
 * language of the staff and citizens). Fed from the case row at dispatch
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

/** The in-app notification for an event; a neutral text for types without their own. */
export function staffMessage(f: StaffMessageFacts): StaffMessage {
  return staffTexts[f.type]?.(f) ?? { title: `工单动态 ${f.number}`, body: `工单“${f.caseTitle}”有新动态（${f.type}）。` };
}
