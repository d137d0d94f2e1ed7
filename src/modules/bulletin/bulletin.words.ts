import { counterDefs, kpis, type CounterKey, type KpiKey, type Rate } from '../../domain/kpi.ts';
import { caseTypeLabels, channelLabels, type CaseType, type Channel } from '../case/case.vocabulary.ts';
import type { BulletinData } from './bulletin.data.ts';

/** The words and number formats of a rendered bulletin, in zh-Hans (default) or English. */
export type BulletinLang = 'zh' | 'en';

const words = {
  monthly: ['月度通报', 'Monthly bulletin'],
  quarterly: ['季度通报', 'Quarterly bulletin'],
  city: ['全市', 'Whole city'],
  period: ['统计期', 'Period'],
  previous: ['上期', 'Previous period'],
  generatedAt: ['生成时间', 'Generated at'],
  headline: ['主要指标', 'Headline figures'],
  figure: ['指标', 'Figure'],
  value: ['本期', 'This period'],
  change: ['变化', 'Change'],
  numerator: ['分子', 'Numerator'],
  denominator: ['分母', 'Denominator'],
  trend: ['受理量走势', 'Trend of cases'],
  bucket: ['日期', 'Date'],
  received: ['来件量', 'Contacts'],
  accepted: ['受理量', 'Accepted'],
  closed: ['办结量', 'Closed'],
  topCategories: ['热点诉求分类', 'Top categories'],
  risingCategories: ['上升较快的分类', 'Rising categories'],
  category: ['分类', 'Category'],
  share: ['占比', 'Share'],
  byChannel: ['来源渠道', 'By channel'],
  byType: ['诉求类型', 'By type'],
  channel: ['渠道', 'Channel'],
  type: ['类型', 'Type'],
  places: ['诉求发生地', 'By place'],
  place: ['地区', 'Place'],
  league: ['单位排名', 'League table'],
  county: ['县（市、区）排名', 'Counties'],
  department: ['市直部门排名', 'City departments'],
  township: ['乡镇（街道）排名', 'Townships'],
  rank: ['名次', 'Rank'],
  unit: ['单位', 'Unit'],
  score: ['综合得分', 'Score'],
  assignments: ['派单次数', 'Assignments'],
  red: ['红榜', 'Red list (best)'],
  black: ['黑榜', 'Black list (worst)'],
  overdueSupervised: ['超期与督办', 'Overdue and supervised'],
  inPeriod: ['本期工单中（累计）', 'Cases of the period (ever)'],
  openNow: ['目前未办结', 'Open now'],
  overdue: ['超期', 'Overdue'],
  supervised: ['督办', 'Supervised'],
  instructed: ['领导批示', 'Leader instructions'],
  open: ['未办结', 'Open'],
  notable: ['重点工单', 'Notable cases'],
  number: ['工单编号', 'Case number'],
  title: ['标题', 'Title'],
  total: ['合计', 'Total'],
  none: ['无', 'None'],
  calls: ['热线接通', 'Hotline calls'],
  offered: ['呼入量', 'Calls offered'],
  connectionRate: ['接通率', 'Answer rate'],
  answeredWithin15sRate: ['15秒接通率', 'Answered within 15 s'],
  asOfNote: ['说明：各项指标按受理日期统计，截至生成时间；“目前未办结”等为生成时的实时数。定义见《统计口径》。', 'Figures count cases by the day they were received, as they stood when this bulletin was made; "open now" figures are as of that moment. Definitions: docs/statistics.md.'],
  notExact: ['注意：生成时统计尚未追平，数字可能略有滞后。', 'Note: the statistics were catching up when this was made; figures may lag slightly.'],
  print: ['打印', 'Print'],
  pp: ['个百分点', ' pp'],
} as const satisfies Record<string, readonly [string, string]>;

export type WordKey = keyof typeof words;

export function w(key: WordKey, lang: BulletinLang): string {
  return words[key][lang === 'en' ? 1 : 0];
}

export function counterName(key: CounterKey, lang: BulletinLang): string {
  const d = counterDefs[key];
  return lang === 'en' ? d.en : d.zh;
}

const kpiByKey = new Map(kpis.map((k) => [k.key, k]));
export function kpiName(key: KpiKey, lang: BulletinLang): string {
  const k = kpiByKey.get(key)!;
  return lang === 'en' ? k.en : k.zh;
}
export const lowerIsBetter = (key: KpiKey) => !kpiByKey.get(key)!.higherIsBetter;

export function channelName(c: string, lang: BulletinLang): string {
  const l = channelLabels[c as Channel];
  return l ? l[lang] : c;
}
export function typeName(t: string, lang: BulletinLang): string {
  const l = caseTypeLabels[t as CaseType];
  return l ? l[lang] : t;
}

export function title(d: BulletinData, lang: BulletinLang): string {
  const unit = d.unit.name;
  if (lang === 'en') return `${unit} — ${w(d.kind, lang)} ${d.period}`;
  const [y, rest] = d.period.split('-');
  const when = d.kind === 'monthly' ? `${y}年${Number(rest)}月` : `${y}年第${rest.slice(1)}季度`;
  return `${unit}${when}12345政务服务便民热线${w(d.kind, lang)}`;
}

/** An instant in Beijing time, to the minute: 2026-10-09 09:00 (北京时间). */
export function beijingTime(iso: string, lang: BulletinLang): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return `${local}${lang === 'en' ? ' (Beijing time)' : '（北京时间）'}`;
}

/** 12.34%, or — without a denominator. */
export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`;
}

/** The change of a rate in percentage points (+1.25个百分点), or —. */
export function ppChange(cur: Rate, prev: Rate, lang: BulletinLang): string {
  if (cur.value === null || prev.value === null) return '—';
  const d = (cur.value - prev.value) * 100;
  return `${d >= 0 ? '+' : ''}${d.toFixed(2)}${w('pp', lang)}`;
}

/** The change of a count: +12 (+8.0%), or +12 when the previous was 0. */
export function countChange(cur: number, prev: number): string {
  const d = cur - prev;
  const sign = d >= 0 ? '+' : '';
  return prev === 0 ? `${sign}${d}` : `${sign}${d} (${sign}${((d / prev) * 100).toFixed(1)}%)`;
}
