import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { DEFAULT_WORKING_PERIODS, WorkCalendar } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';

/**
 * The settings an administrator may change, each with its schema, its
 * default (the same value the migration inserted) and the rules a schema
 * cannot say. A key not listed here does not exist.
 */

const HHMM = Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' });

/** Office hours on working days, for limits counted in working hours. */
export const WorkingHours = Type.Array(Type.Object({ start: HHMM, end: HHMM }, { additionalProperties: false }), { minItems: 1, maxItems: 6 });
/** Yellow (临期) when less than this much working time is left. */
export const DueSoon = Type.Object({ workingHours: Type.Number({ exclusiveMinimum: 0, maximum: 200 }) }, { additionalProperties: false });
/** After how much overdue working time each rung fires: urge 催办, supervise 督办, listed 挂牌督办. */
export const escalationLevels = ['urge', 'supervise', 'listed'] as const;
export const EscalationLadder = Type.Array(
  Type.Object({
    level: Type.Union([Type.Literal('urge'), Type.Literal('supervise'), Type.Literal('listed')]),
    afterWorkingHours: Type.Number({ minimum: 0, maximum: 2000 }),
  }, { additionalProperties: false }),
  { minItems: 1, maxItems: escalationLevels.length },
);

/** Days before and after an appeal in which the repeat check (并单) looks for likely duplicates. */
export const DuplicateWindowDays = Type.Integer({ minimum: 1, maximum: 365 });

/** Days after which delivered messages are deleted: processed outbox events, read in-app notifications, sent or failed SMS (they hold phone numbers). */
export const Retention = Type.Object({
  outboxDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  notificationDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  smsDays: Type.Integer({ minimum: 1, maximum: 3650 }),
}, { additionalProperties: false });

export interface SettingValues {
  working_hours: Static<typeof WorkingHours>;
  due_soon: Static<typeof DueSoon>;
  escalation_ladder: Static<typeof EscalationLadder>;
  duplicate_window_days: Static<typeof DuplicateWindowDays>;
  retention: Static<typeof Retention>;
}
export type SettingKey = keyof SettingValues;

interface Definition<K extends SettingKey> {
  schema: TSchema;
  defaultValue: SettingValues[K];
  description: { zh: string; en: string };
  /** Rules beyond the shape. @throws DomainError INVALID_INPUT */
  check?: (value: SettingValues[K]) => void;
}

export const settingDefinitions: { [K in SettingKey]: Definition<K> } = {
  working_hours: {
    schema: WorkingHours,
    defaultValue: DEFAULT_WORKING_PERIODS.map((p) => ({ ...p })),
    description: { zh: '工作时段（按工作小时计算的时限使用）', en: 'Office hours of working days (for limits in working hours)' },
    check: (periods) => void new WorkCalendar({ workingPeriods: periods }),
  },
  due_soon: {
    schema: DueSoon,
    defaultValue: { workingHours: 7 },
    description: { zh: '剩余工作时间少于该小时数时显示临期（黄灯），默认一个工作日', en: 'Due soon (yellow) when less working time than this is left; default one working day' },
  },
  escalation_ladder: {
    schema: EscalationLadder,
    defaultValue: [
      { level: 'urge', afterWorkingHours: 0 },
      { level: 'supervise', afterWorkingHours: 14 },
      { level: 'listed', afterWorkingHours: 35 },
    ],
    description: { zh: '超期升级：到期催办、超期2个工作日督办、超期5个工作日挂牌督办', en: 'Escalation: urge at expiry, supervise after 2 working days overdue, listed supervision after 5' },
    check: (ladder) => {
      const order = ladder.map((r) => escalationLevels.indexOf(r.level));
      const ascending = ladder.every((r, i) => i === 0 || (order[i] > order[i - 1] && r.afterWorkingHours > ladder[i - 1].afterWorkingHours));
      if (!ascending) {
        throw invalidInput('升级阶梯应按 催办、督办、挂牌督办 排列，每级不重复且超期时间递增', 'the ladder must go urge, supervise, listed, each at most once, with increasing hours');
      }
    },
  },
  duplicate_window_days: {
    schema: DuplicateWindowDays,
    defaultValue: 30,
    description: { zh: '重复诉求（并单）查找范围：前后天数', en: 'Repeat check (merging): days before and after an appeal to look for likely duplicates' },
  },
  retention: {
    schema: Retention,
    defaultValue: { outboxDays: 30, notificationDays: 180, smsDays: 90 },
    description: {
      zh: '保留期限（天）：已处理的事件、已读的站内通知、已发送或失败的短信（含手机号）到期删除',
      en: 'Retention in days: processed outbox events, read in-app notifications, sent or failed SMS (they hold phone numbers) are deleted after it',
    },
  },
};

export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}

/**
 * The value, if it is a valid one for the key.
 * @throws DomainError INVALID_INPUT for an unknown key, a value of the wrong shape, or one breaking the key's rules.
 */
export function validateSetting<K extends SettingKey>(key: K | string, value: unknown): SettingValues[K] {
  if (!isSettingKey(key)) throw invalidInput(`没有这个设置项：${key}`, `no such setting: ${key}`);
  const definition = settingDefinitions[key] as unknown as Definition<K>;
  if (!Value.Check(definition.schema, value)) {
    const error = Value.Errors(definition.schema, value).find((e) => e.keyword !== 'boolean');
    const where = `${key}${error?.instancePath ?? ''}`;
    throw invalidInput(`设置 ${where} 不符合要求：${error?.message ?? ''}`, `setting ${where} ${error?.message ?? 'is invalid'}`);
  }
  definition.check?.(value as SettingValues[K]);
  return value as SettingValues[K];
}
