import { actionLabels, caseStates, stateLabels, type CaseAction } from '../../../src/domain/lifecycle.ts';
import { roleLabels } from '../../../src/domain/roles.ts';
import { caseTypeLabels, channelLabels, urgencyLabels } from '../../../src/modules/case/case.vocabulary.ts';

type Pair = { zh: string; en: string };

/** History entries that are not lifecycle actions (intake, the sweeper's escalations, hard cases). */
const historyLabels: Record<string, Pair> = {
  create: { zh: '受理', en: 'Taken in' },
  autoUrge: { zh: '超时自动催办', en: 'Automatic urging (overdue)' },
  autoSupervise: { zh: '超时自动督办', en: 'Automatic supervision (overdue)' },
  autoListed: { zh: '超时挂牌督办', en: 'Listed for supervision (overdue)' },
  hardCase: { zh: '列为疑难案件', en: 'Made a hard case' },
  assessmentAppealFiled: { zh: '提出考核申诉', en: 'Assessment appeal filed' },
  assessmentAppealAccepted: { zh: '采纳考核申诉', en: 'Assessment appeal accepted' },
  assessmentAppealRejected: { zh: '驳回考核申诉', en: 'Assessment appeal rejected' },
};

const extra: Record<string, Record<string, Pair>> = {
  resolution: {
    resolved: { zh: '已解决', en: 'Resolved' },
    partly: { zh: '部分解决', en: 'Partly resolved' },
    unresolved: { zh: '未解决', en: 'Unresolved' },
  },
  satisfaction: {
    very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
    satisfied: { zh: '满意', en: 'Satisfied' },
    basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
    dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
    very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied' },
  },
  assignmentRole: {
    lead: { zh: '主办', en: 'Lead' },
    assist: { zh: '协办', en: 'Assisting' },
    sub: { zh: '下派', en: 'Dispatched down' },
  },
  assignmentStatus: {
    pending: { zh: '待签收', en: 'Awaiting signature' },
    signed: { zh: '已签收', en: 'Signed' },
    returned: { zh: '已退回', en: 'Returned' },
    input_submitted: { zh: '已提交意见', en: 'Input submitted' },
    replied: { zh: '已回复', en: 'Replied' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  },
  deadline: {
    on_time: { zh: '正常', en: 'On time' },
    due_soon: { zh: '即将到期', en: 'Due soon' },
    overdue: { zh: '已超期', en: 'Overdue' },
    done: { zh: '已完成', en: 'Done' },
    paused: { zh: '已暂停', en: 'Paused' },
    unknown: { zh: '未知', en: 'Unknown' },
    calendar_unconfirmed: { zh: '日历未确认', en: 'Calendar not confirmed' },
  },
  sex: {
    male: { zh: '男', en: 'Male' },
    female: { zh: '女', en: 'Female' },
    unknown: { zh: '未知', en: 'Unknown' },
  },
  unitKind: {
    centre: { zh: '热线中心', en: 'Hotline centre' },
    region: { zh: '区域', en: 'Region' },
    department: { zh: '部门', en: 'Department' },
    mediation: { zh: '调解组织', en: 'Mediation' },
  },
};

/** Every vocabulary label, keyed `<kind>.<code>`, in Chinese (`zh`) or English, from the domain's own tables. */
export function vocabulary(lang: 'zh' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (kind: string, table: Record<string, Pair>) => {
    for (const [code, pair] of Object.entries(table)) out[`${kind}.${code}`] = pair[lang];
  };
  add('state', Object.fromEntries(caseStates.map((s) => [s, stateLabels[s]])));
  add('action', actionLabels as Record<CaseAction, Pair>);
  add('history', { ...historyLabels, ...actionLabels });
  add('channel', channelLabels);
  add('type', caseTypeLabels);
  add('urgency', urgencyLabels);
  add('role', roleLabels);
  for (const [kind, table] of Object.entries(extra)) add(kind, table);
  return out;
}
