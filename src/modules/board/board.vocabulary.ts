import type { CaseState } from '../../domain/lifecycle.ts';
import type { CaseType } from '../case/case.vocabulary.ts';

/**
 * The board's fixed vocabularies and limits. Labels live in the language
 * dictionaries (i18n/); this file holds the keys and the rules.
 */

/** 投诉 / 求助 / 咨询 / 建言 / 感谢: the board's five types, each one of the case types. */
export const boardTypes = ['complaint', 'help', 'inquiry', 'suggestion', 'thanks'] as const satisfies readonly CaseType[];
export type BoardType = (typeof boardTypes)[number];

/** 治安 政务 企业 旅游 交通 城建 三农 就业 医疗 环保 教育 金融 其他. */
export const boardDomains = [
  'security', 'government', 'business', 'tourism', 'transport', 'construction', 'agriculture',
  'employment', 'health', 'environment', 'education', 'finance', 'other',
] as const;
export type BoardDomain = (typeof boardDomains)[number];

/** The three states the public sees (待回复 / 办理中 / 已办理). */
export const publicStates = ['pending', 'handling', 'done'] as const;
export type PublicState = (typeof publicStates)[number];

/**
 * Which public state each case state shows as. 已办理 starts when the reply
 * is approved (or the case ended without one: not accepted, merged, closed).
 */
export const publicStateOf: Record<CaseState, PublicState> = {
  received: 'pending',
  registered: 'pending',
  dispatched: 'pending',
  returned: 'pending',
  handling: 'handling',
  signoff: 'handling',
  reviewing: 'handling',
  callback: 'done',
  callback_review: 'done',
  closed: 'done',
  archived: 'done',
  rejected: 'done',
  merged: 'done',
};

export function caseStatesIn(state: PublicState): CaseState[] {
  return (Object.keys(publicStateOf) as CaseState[]).filter((s) => publicStateOf[s] === state);
}

/** The public milestones of a case's progress, for the citizen's lookup. */
export const milestones = ['received', 'dispatched', 'replied', 'rejected', 'merged', 'closed'] as const;
export type Milestone = (typeof milestones)[number];

/** Length limits of a post, in characters (code points). */
export const postLimits = {
  title: { min: 5, max: 40 },
  content: { min: 10, max: 2000 },
  name: { min: 2, max: 30 },
  remark: { max: 500 },
  images: 5,
  imageBytes: 5 * 1024 * 1024,
} as const;

/** Image types accepted, detected from the bytes (never the name or the declared type). */
export const imageTypes: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The policy of the public forms; defaults below, overridable by environment (board.config.ts). */
export interface BoardPolicy {
  postsPerPhonePerDay: number;
  postsPerIpPerDay: number;
  codeTtlSeconds: number;
  codeMaxAttempts: number;
  codeResendSeconds: number;
  codesPerPhonePerDay: number;
  codesPerIpPerHour: number;
  lookupsPerIpPerHour: number;
  pageSize: number;
}

export const defaultBoardPolicy: BoardPolicy = {
  postsPerPhonePerDay: 3,
  postsPerIpPerDay: 10,
  codeTtlSeconds: 300,
  codeMaxAttempts: 5,
  codeResendSeconds: 60,
  codesPerPhonePerDay: 10,
  codesPerIpPerHour: 30,
  lookupsPerIpPerHour: 30,
  pageSize: 20,
};

/** Characters a string counts as: code points, so 𠮷 is one. */
export const charCount = (s: string) => [...s].length;
