/**
 * Typed domain errors with stable machine codes. Free of HTTP: the one error
 * handler in `src/http/errors.ts` maps each code to a status and renders the
 * message in the caller's language.
 */

export type DomainErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CASE_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'CATEGORY_NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'ROLE_NOT_PERMITTED'
  | 'NOT_ASSIGNED'
  | 'NOT_RESPONSIBLE_LEADER'
  | 'ACTION_NOT_ALLOWED'
  | 'PRECONDITION_FAILED'
  | 'STALE_VERSION'
  | 'CONFLICT'
  | 'CALENDAR_UNCONFIRMED';

/** Messages per code, in zh-Hans and English; `{x}` placeholders take `params`. */
export const errorMessages: Record<DomainErrorCode, { zh: string; en: string }> = {
  INVALID_INPUT: { zh: '输入有误：{detail}', en: 'Invalid input: {detail}' },
  NOT_FOUND: { zh: '找不到该记录或无权访问', en: 'Not found or no access' },
  CASE_NOT_FOUND: { zh: '工单不存在或无权访问', en: 'Case not found or no access' },
  UNIT_NOT_FOUND: { zh: '单位不存在：{detail}', en: 'Unit not found: {detail}' },
  USER_NOT_FOUND: { zh: '用户不存在：{detail}', en: 'User not found: {detail}' },
  CATEGORY_NOT_FOUND: { zh: '分类不存在：{detail}', en: 'Category not found: {detail}' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please log in first' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  FORBIDDEN: { zh: '无权进行此操作', en: 'You may not do this' },
  ROLE_NOT_PERMITTED: {
    zh: '您的角色不能执行“{action}”',
    en: 'Your role may not perform "{action}"',
  },
  NOT_ASSIGNED: {
    zh: '该工单当前未交由您的单位办理，不能执行“{action}”',
    en: 'This case is not currently with your unit, so you may not perform "{action}"',
  },
  NOT_RESPONSIBLE_LEADER: {
    zh: '只有该疑难事项的责任领导才能“{action}”',
    en: 'Only the leader responsible for this hard case may "{action}"',
  },
  ACTION_NOT_ALLOWED: {
    zh: '工单处于“{state}”状态，不能执行“{action}”。当前可执行：{allowed}',
    en: 'The case is "{state}"; "{action}" is not allowed. Allowed now: {allowed}',
  },
  PRECONDITION_FAILED: { zh: '暂不能执行：{detail}', en: 'Not possible yet: {detail}' },
  STALE_VERSION: {
    zh: '工单已被他人修改，请刷新后重试',
    en: 'Someone else changed this case; reload and try again',
  },
  CONFLICT: { zh: '与现有数据冲突：{detail}', en: 'Conflicts with existing data: {detail}' },
  CALENDAR_UNCONFIRMED: {
    zh: '{year}年的节假日安排尚未确认，请管理员补充日历',
    en: 'The holiday calendar for {year} is not confirmed yet; an administrator must add it',
  },
};

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly params: Record<string, string | number> = {},
    /** Extra machine-readable facts for the client, e.g. the allowed actions. */
    readonly details?: Record<string, unknown>,
  ) {
    super(renderMessage(code, params, 'zh'));
    this.name = 'DomainError';
  }
}

export type Language = 'zh' | 'en';

export function renderMessage(
  code: DomainErrorCode,
  params: Record<string, string | number>,
  lang: Language,
): string {
  const template = errorMessages[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, key: string) =>
    String((lang === 'en' ? params[`${key}_en`] : undefined) ?? params[key] ?? ''),
  );
}

/** Shorthand for the most common refusal: bad input with a human-readable detail. */
export function invalidInput(detailZh: string, detailEn = detailZh): DomainError {
  return new DomainError('INVALID_INPUT', { detail: detailZh, detail_en: detailEn });
}
