/** The fixed vocabularies of a work order (工单), with their Chinese names. */

export const channels = ['hotline', 'board', 'web', 'app', 'open311', 'import'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, { zh: string; en: string }> = {
  hotline: { zh: '12345热线', en: '12345 hotline' },
  board: { zh: '领导留言板', en: 'Leader Message Board' },
  web: { zh: '网站', en: 'Website' },
  app: { zh: '民呼我应App', en: 'App' },
  open311: { zh: 'Open311接口', en: 'Open311' },
  import: { zh: '批量导入', en: 'Import' },
};

export const caseTypes = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'thanks', 'other'] as const;
export type CaseType = (typeof caseTypes)[number];
export const caseTypeLabels: Record<CaseType, { zh: string; en: string }> = {
  inquiry: { zh: '咨询', en: 'Inquiry' },
  help: { zh: '求助', en: 'Request for help' },
  complaint: { zh: '投诉', en: 'Complaint' },
  report: { zh: '举报', en: 'Report' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  thanks: { zh: '感谢', en: 'Thanks' },
  other: { zh: '其他', en: 'Other' },
};

export const urgencies = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof urgencies)[number];
export const urgencyLabels: Record<Urgency, { zh: string; en: string }> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
  critical: { zh: '特急', en: 'Critical' },
};
