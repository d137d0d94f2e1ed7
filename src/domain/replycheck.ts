import { DiceScorer } from './similarity.ts';
import { normalizeText } from './text/normalize.ts';
import { segmentNormalized } from './text/tokenize.ts';

/**
 * Reply checks (答复质量检查) before review: what a reviewer should look at
 * in a draft reply, as reasons with a 0–100 score. Pure: no I/O; the API
 * gathers the appeal, the draft and how many stored replies are nearly the
 * same, and this decides. Advice, never a gate: the reviewer decides.
 *
 * - `off_topic` — the reply shares few of the appeal's key words (title
 *   words and the most frequent words of the content): it may answer
 *   something else, or nothing.
 * - `no_action` — no word of something done or to be done (经调查, 已安排,
 *   责令整改, 将于 …).
 * - `no_time` — no date or time limit (5月10日, 3个工作日内, 月底前 …).
 * - `no_contact` — no telephone number or named office to ask further.
 * - `boilerplate` — mostly template phrases (已收悉, 高度重视, 感谢您的
 *   支持 …) with little else, or nearly the same text as many other replies.
 * - `personal_data` — a mobile number, a resident ID number, a private
 *   e-mail address, the citizen's own phone or full name: replies are
 *   published on the board.
 * - `too_short` — fewer than {@link replyCheckThresholds.minLength} characters.
 *
 * Thresholds were calibrated on development data: docs/reply-checks.md.
 */

export type ReplyIssue = 'off_topic' | 'no_action' | 'no_time' | 'no_contact' | 'boilerplate' | 'personal_data' | 'too_short';

export const replyIssueLabels: Record<ReplyIssue, { zh: string; en: string }> = {
  off_topic: { zh: '答复与诉求内容关联度低，可能未回应所反映的问题', en: 'The reply shares little with the appeal; it may not answer it' },
  no_action: { zh: '未说明已采取或将采取的具体措施', en: 'No concrete action taken or planned is stated' },
  no_time: { zh: '未给出办理时间或期限', en: 'No date or time limit is given' },
  no_contact: { zh: '未提供进一步咨询的联系电话或部门', en: 'No telephone number or office to contact is given' },
  boilerplate: { zh: '以套话为主或与大量其他答复几乎相同', en: 'Mostly template phrases, or nearly the same as many other replies' },
  personal_data: { zh: '含有个人信息（手机号、身份证号、邮箱或来信人姓名），公开前须删除', en: 'Contains personal data (mobile number, ID number, e-mail or the citizen’s name); remove it before publishing' },
  too_short: { zh: '答复过短', en: 'The reply is too short' },
};

/** Points each issue costs (out of 100). */
export const replyIssueWeights: Record<ReplyIssue, number> = {
  off_topic: 30, no_action: 20, no_time: 10, no_contact: 5, boilerplate: 20, personal_data: 40, too_short: 25,
};

export const replyCheckThresholds = {
  /** Share of the appeal's key words the reply must contain. */
  minTopicOverlap: 0.15,
  /** How many key words are taken from the appeal. */
  keyWords: 12,
  /** Characters (letters and digits) a reply needs. */
  minLength: 60,
  /** Characters left after removing template phrases below which the reply is boilerplate. */
  minSubstance: 40,
  /** Dice similarity from which another stored reply counts as nearly the same. */
  nearDuplicateSimilarity: 0.85,
  /** Nearly identical stored replies from which a reply is boilerplate. */
  nearDuplicateCount: 3,
} as const;

export interface ReplyCheckInput {
  appealTitle: string;
  appealContent: string;
  reply: string;
  citizenName?: string | null;
  citizenPhone?: string | null;
  /** How many other stored replies are nearly the same as this one ({@link countNearDuplicates}). */
  nearDuplicates?: number;
}

export interface ReplyCheckReason {
  code: ReplyIssue;
  zh: string;
  en: string;
  /** Points taken off the score. */
  weight: number;
}

export interface ReplyCheckResult {
  /** 100 = nothing to flag; each reason takes its weight off; never below 0. */
  score: number;
  reasons: ReplyCheckReason[];
  /** The measurements behind the reasons, for the reviewer and calibration. */
  facts: { length: number; topicOverlap: number; substance: number; nearDuplicates: number };
}

/** Template phrases (套话): courtesy and process words that say nothing about the case. */
export const TEMPLATE_PHRASES: readonly string[] = [
  '您好', '你好', '网友', '您的留言已收悉', '您的来信已收悉', '留言已收悉', '来信已收悉', '已收悉', '收悉', '现将有关情况回复如下', '现将有关情况答复如下',
  '现将相关情况回复如下', '现将调查处理情况答复如下', '现回复如下', '现答复如下', '回复如下', '答复如下', '高度重视', '非常重视', '立即组织', '认真研究',
  '感谢您对我们工作的关心监督与支持', '感谢您对我们工作的关心和支持', '感谢您对我们工作的支持理解与监督', '感谢您对我们工作的理解和支持',
  '感谢您对我们工作的关心', '感谢您的理解与支持', '感谢您的支持', '感谢您的关注', '感谢您的监督', '谢谢', '特此回复', '特此答复', '望您知晓和理解', '望理解',
  '如有疑问', '如您还有疑问', '已转有关部门', '已转相关部门', '答复反馈', '问政西地省', '平台', '栏目', '相关部门', '有关部门', '进一步', '加大力度',
];

const ACTION = /(经(?:调查|核实|核查|查|了解|研究|现场|走访)|已(?:经)?(?:安排|组织|责令|要求|督促|完成|处理|整改|拆除|维修|修复|清理|办理|协调|联系|约谈|处罚|立案|下发|落实|解决|启动|开工|恢复|退还|发放|到位|关停|取缔|查处|更换|疏通|开展|制定|上门)|将(?:于|在|尽快|继续|加快|加强|组织|安排|督促|协调|启动|开展|推进|进行|依法|按照|对)|责令|限期|立即|现场(?:查看|核实|勘察|检查)|整改|查处|拆除|维修|修复|清理|疏通|调解|约谈|罚款|处罚|退还|补发|办理|申请|提交|携带|前往|拨打|咨询|按照|根据|依据|规定|可以|可(?:向|到|在|持|通过|申请|拨打))/;
const TIME = /(\d{4}年|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号]前|\d+\s*(?:个)?(?:工作日|日|天|周|星期|个月|月|年)(?:内|以内|之内|后|前)?|月底|年底|年内|月内|近日|本周|下周|本月|下月|今年|明年|上半年|下半年|季度|目前|现已|已于|预计)/;
const CONTACT = /((?:联系|咨询|服务|监督|举报|投诉)?电话|热线|联系人|联系方式|联系地址|\b0\d{2,3}[- ]?\d{7,8}\b|12345|12315|12333|12369|12319|窗口|服务大厅|办事大厅|地址[:：]|邮箱)/;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/;
const ID_NUMBER = /(?<![0-9a-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dx](?![0-9a-z])/i;
const EMAIL = /[a-z0-9._%+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/gi;
/** E-mail domains of offices, not people. */
const OFFICIAL_MAIL = /(\.gov\.cn|\.gov|\.org\.cn|\.edu\.cn)$/i;

const STOP = new Set(`反映 问题 请问 希望 相关 部门 我们 你们 他们 没有 一个 什么 能否 如何 关于 要求 投诉 咨询 情况 处理 解决 政府 领导 你好 您好 现在 已经
这个 那个 进行 请求 建议 可以 还是 不是 因为 所以 但是 如果 时候 目前 今年 为什么 怎么 是否 有关 一直 这样 自己 大家 本人 由于 以及 需要 存在 谢谢
感谢 恳请 呼吁 不能 可能 应该 还有 非常 特别 书记 市长 局长 num phone idno`.split(/\s+/));

const words = (normalized: string) => segmentNormalized(normalized).filter((w) => [...w].length >= 2 && !STOP.has(w) && !/^[0-9.]+$/.test(w));

/** The appeal's key words: title words first, then the most frequent content words. */
export function keyWords(title: string, content: string, k: number = replyCheckThresholds.keyWords): string[] {
  const titleWords = words(normalizeText(title));
  const freq = new Map<string, number>();
  for (const w of words(normalizeText(content.slice(0, 1500)))) freq.set(w, (freq.get(w) ?? 0) + 1);
  const ranked = [...freq].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  return [...new Set([...titleWords, ...ranked])].slice(0, k);
}

/** Letters and digits of a text, template phrases removed: what the reply says beyond courtesy. */
export function substanceOf(reply: string): string {
  let t = normalizeText(reply, { maskNumbers: false }).replace(/[^\p{L}\p{N}]+/gu, '');
  for (const p of TEMPLATE_PHRASES) t = t.split(p).join('');
  // Dates and signatures say when, not what.
  return t.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '');
}

const letters = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '');

/** Whether the reply shows a name (two characters or more) or the citizen's phone (by its digits). */
function leaksCitizen(reply: string, name?: string | null, phone?: string | null): boolean {
  const n = name?.trim();
  if (n && [...n].length >= 2 && reply.includes(n)) return true;
  const digits = phone?.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '') ?? '';
  return digits.length >= 7 && reply.replace(/\D/g, '').includes(digits);
}

/** Whether the reply holds personal data (see the module comment). */
export function hasPersonalData(reply: string, citizenName?: string | null, citizenPhone?: string | null): boolean {
  const text = reply.normalize('NFKC');
  if (MOBILE.test(text) || ID_NUMBER.test(text)) return true;
  for (const m of text.matchAll(EMAIL)) if (!OFFICIAL_MAIL.test(m[1])) return true;
  return leaksCitizen(text, citizenName, citizenPhone);
}

/** Checks one draft reply against its appeal. */
export function checkReply(input: ReplyCheckInput): ReplyCheckResult {
  const t = replyCheckThresholds;
  const reply = input.reply ?? '';
  const normalized = normalizeText(reply, { maskNumbers: false });
  const length = letters(reply).length;
  const keys = keyWords(input.appealTitle, input.appealContent);
  const replyWords = new Set(words(normalizeText(reply)));
  const joined = letters(normalized);
  const covered = keys.filter((k) => replyWords.has(k) || joined.includes(k)).length;
  const topicOverlap = keys.length ? covered / keys.length : 1;
  const substance = substanceOf(reply).length;
  const nearDuplicates = input.nearDuplicates ?? 0;

  const issues: ReplyIssue[] = [];
  if (length < t.minLength) issues.push('too_short');
  if (keys.length >= 3 && topicOverlap < t.minTopicOverlap) issues.push('off_topic');
  if (!ACTION.test(normalized)) issues.push('no_action');
  if (!TIME.test(normalized)) issues.push('no_time');
  if (!CONTACT.test(normalized)) issues.push('no_contact');
  if (substance < t.minSubstance || nearDuplicates >= t.nearDuplicateCount) issues.push('boilerplate');
  if (hasPersonalData(reply, input.citizenName, input.citizenPhone)) issues.push('personal_data');

  const reasons = issues.map((code) => ({ code, ...replyIssueLabels[code], weight: replyIssueWeights[code] }));
  const score = Math.max(0, 100 - reasons.reduce((s, r) => s + r.weight, 0));
  return { score, reasons, facts: { length, topicOverlap: Math.round(topicOverlap * 100) / 100, substance, nearDuplicates } };
}

/** What replies are compared by for near-duplicates: the normalised head (as the repeat check does for appeals). */
export function replyFingerprint(reply: string): string {
  return letters(normalizeText(reply, { maskNumbers: true })).slice(0, 300);
}

/** How many of `others` (fingerprints) are nearly the same as `reply`. */
export function countNearDuplicates(reply: string, others: readonly string[], similarity: number = replyCheckThresholds.nearDuplicateSimilarity): number {
  const mine = replyFingerprint(reply);
  if (mine.length < 10) return 0;
  const scorer = new DiceScorer(mine);
  let n = 0;
  for (const o of others) if (scorer.score(o) >= similarity) n++;
  return n;
}
