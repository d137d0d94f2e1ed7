/**
 * Generator of realistic demo appeals (诉求) for 安澜市: hotline calls,
 * Leader Message Board posts and web/app submissions, with Chinese titles
 * and contents built from templates and the city's places, Zipf-like
 * category frequencies and a weekly and seasonal rhythm (heating in winter,
 * flooding in summer, wage arrears before the Spring Festival).
 */
import { cityName, demoCity, indexCity, leaderBoards, centreKey, type UnitInfo, type UnitSpec } from './city.ts';
import { mobilePhone, personName } from './names.ts';
import { createRng, type Rng } from './random.ts';
import { SlotFiller } from './slots.ts';
import { isLocalCategory, ownersOf } from './taxonomy.ts';
import { appealTemplates, type AddressKind, type AppealTemplate } from './templates/index.ts';

/** Where an appeal came in: 12345 hotline, Leader Message Board, web, mobile app. */
export type AppealChannel = 'hotline' | 'board' | 'web' | 'app';
/** 咨询 求助 投诉 举报 建议 感谢 其他. */
export type AppealType = 'inquiry' | 'help' | 'complaint' | 'report' | 'suggestion' | 'thanks' | 'other';
/** 一般 / 紧急 / 特急. */
export type AppealUrgency = 'normal' | 'urgent' | 'critical';

/** Chinese labels of appeal types. */
export const appealTypeLabels: Record<AppealType, string> = {
  inquiry: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', thanks: '感谢', other: '其他',
};

/** An appeal as a citizen submits it, before registration. */
export interface AppealDraft {
  channel: AppealChannel;
  type: AppealType;
  urgency: AppealUrgency;
  confidential: boolean;
  citizenName: string;
  /** 11-digit mobile number, random, fictional. */
  citizenPhone: string;
  /** A path of `defaultTaxonomy`. */
  category: [string, string, string];
  /** Key of the level-3 or level-4 region unit where it happens. */
  regionKey: string;
  address: string;
  /** Person or company complained about. */
  subject?: string;
  title: string;
  content: string;
  /** For board posts: the board addressed ('mayor', 'secretary', 'c01-secretary', 'c01-head'). */
  leaderKey?: string;
  receivedAt: Date;
}

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const shanghaiOffsetMs = 8 * hourMs;
/** Length of the window before `now` in which appeals are received. */
export const appealWindowDays = 365;

/** Relative volume by month (Jan…Dec) and by weekday (Sun…Sat). */
const monthFactor = [1.15, 0.8, 0.95, 0.95, 1.0, 1.1, 1.25, 1.2, 1.0, 0.9, 1.05, 1.2];
const weekdayFactor = [0.6, 1.2, 1.1, 1.05, 1.0, 0.95, 0.65];
const maxRhythm = Math.max(...monthFactor) * Math.max(...weekdayFactor);
/** Hourly profile of a 7x24 hotline: quiet at night, peaks mid-morning and afternoon. */
const hourWeights = [0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 2, 5, 8, 9, 7, 4, 5, 7, 8, 7, 6, 4, 4, 4, 3, 2, 1];
const hours = hourWeights.map((_, h) => h);

const channelWeights: Record<AppealChannel, number> = { hotline: 62, app: 16, web: 14, board: 8 };
const channels = Object.keys(channelWeights) as AppealChannel[];
const defaultUrgency = [93, 6.5, 0.5] as const;
const urgencies: AppealUrgency[] = ['normal', 'urgent', 'critical'];
const zipfExponent = 0.85;

/**
 * `count` appeals received within the 365 days before `now`, sorted by
 * receivedAt. The same seed, count, now and city give the same drafts.
 */
export function generateAppeals(seed: number, count: number, now: Date, city: UnitSpec = demoCity()): AppealDraft[] {
  const rng = createRng(seed);
  const index = indexCity(city);
  const pools = regionPools(index);
  const boards = leaderBoards(city);
  const baseWeights = appealTemplates.map((_, rank) => 1 / Math.pow(rank + 1, zipfExponent));
  const callers: Array<[string, string]> = [];
  const drafts: AppealDraft[] = [];

  for (let i = 0; i < count; i++) {
    const receivedAt = sampleTime(rng, now);
    const month = new Date(receivedAt.getTime() + shanghaiOffsetMs).getUTCMonth() + 1;
    const template = rng.weighted(appealTemplates, baseWeights.map((w, r) => w * seasonFactor(appealTemplates[r], month)));
    const region = pickRegion(rng, template, pools, index);
    drafts.push(buildDraft(rng, template, region, index, receivedAt, boards, callers));
  }
  return drafts.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

function buildDraft(
  rng: Rng,
  template: AppealTemplate,
  region: UnitInfo,
  index: Map<string, UnitInfo>,
  receivedAt: Date,
  boards: ReturnType<typeof leaderBoards>,
  callers: Array<[string, string]>,
): AppealDraft {
  const township = region.unit.level === 3 ? region : index.get(region.townshipKey!)!;
  const county = index.get(region.countyKey!)!;
  const filler = new SlotFiller({
    rng,
    region,
    county,
    township,
    village: region.unit.level === 4 ? region : null,
    receivedAt,
  });
  const typeEntries = Object.entries(template.types) as Array<[AppealType, number]>;
  const type = rng.weighted(typeEntries.map(([t]) => t), typeEntries.map(([, w]) => w));
  const channel = rng.weighted(channels, channels.map((c) => channelWeights[c]));
  const variant = rng.pick(template.variants);
  const title = filler.fill(rng.pick(variant.titles));
  const body = filler.fill(variant.content);
  const address = buildAddress(filler, template.address ?? (template.setting === 'rural' ? 'village' : 'home'));
  const board = channel === 'board' ? pickBoard(rng, boards, county.unit.key) : undefined;
  const content = wrapContent(body, channel, type, board?.salutation);
  const subject = template.subject && ['complaint', 'report', 'help'].includes(type) ? filler.fill(template.subject) : undefined;
  const confidentialP = template.confidential ?? (type === 'report' ? 0.6 : type === 'complaint' ? 0.12 : 0.03);
  const [citizenName, citizenPhone] =
    callers.length > 0 && rng.chance(0.08) ? rng.pick(callers) : [personName(rng), mobilePhone(rng)];
  callers.push([citizenName, citizenPhone]);

  return {
    channel,
    type,
    urgency: rng.weighted(urgencies, template.urgency ?? defaultUrgency),
    confidential: rng.chance(confidentialP),
    citizenName,
    citizenPhone,
    category: [...template.category],
    regionKey: region.unit.key,
    address,
    ...(subject ? { subject } : {}),
    title,
    content,
    ...(board ? { leaderKey: board.key } : {}),
    receivedAt,
  };
}

/** A time in the window, weighted by month, weekday and hour (Asia/Shanghai). */
function sampleTime(rng: Rng, now: Date): Date {
  const end = now.getTime();
  const start = end - appealWindowDays * dayMs;
  for (;;) {
    const local = new Date(start + rng.next() * (end - start) + shanghaiOffsetMs);
    if (!rng.chance((monthFactor[local.getUTCMonth()] * weekdayFactor[local.getUTCDay()]) / maxRhythm)) continue;
    const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - shanghaiOffsetMs;
    const t = dayStart + rng.weighted(hours, hourWeights) * hourMs + rng.int(0, 3599) * 1000;
    if (t >= start && t < end) return new Date(t);
  }
}

function seasonFactor(template: AppealTemplate, month: number): number {
  const season = template.season;
  if (!season) return 1;
  return season.months.includes(month) ? season.factor : (season.off ?? 1);
}

interface RegionPools {
  urban: UnitInfo[];
  rural: UnitInfo[];
  any: UnitInfo[];
}

const poolCache = new WeakMap<Map<string, UnitInfo>, RegionPools>();

/** Level-4 regions by setting: communities (社区) for urban, villages (村) for rural. */
function regionPools(index: Map<string, UnitInfo>): RegionPools {
  let pools = poolCache.get(index);
  if (!pools) {
    const leaves = [...index.values()].filter((u) => u.unit.kind === 'region' && u.unit.level === 4);
    pools = {
      urban: leaves.filter((u) => u.unit.name.endsWith('社区')),
      rural: leaves.filter((u) => u.unit.name.endsWith('村')),
      any: leaves,
    };
    poolCache.set(index, pools);
  }
  return pools;
}

const villageBound = new WeakMap<AppealTemplate, boolean>();

/** Whether a template needs a village/community (its texts name one, or its address does). */
function needsVillage(template: AppealTemplate): boolean {
  let bound = villageBound.get(template);
  if (bound === undefined) {
    const texts = [template.subject ?? '', ...template.variants.flatMap((v) => [...v.titles, v.content])];
    bound = template.address === 'village' || (template.setting === 'rural' && !template.address) || texts.some((t) => t.includes('{village}'));
    villageBound.set(template, bound);
  }
  return bound;
}

/** A level-4 region of the template's setting; one in five lifted to its township when the text allows. */
function pickRegion(rng: Rng, template: AppealTemplate, pools: RegionPools, index: Map<string, UnitInfo>): UnitInfo {
  const leaf = rng.pick(pools[template.setting]);
  if (!needsVillage(template) && rng.chance(0.2)) return index.get(leaf.townshipKey!)!;
  return leaf;
}

function buildAddress(filler: SlotFiller, kind: AddressKind): string {
  const head = `${cityName}${filler.get('county')}${filler.get('township')}`;
  const village = filler.scope.village ? filler.get('village') : '';
  switch (kind) {
    case 'home':
      return `${head}${filler.fill('{road}{num}号{estate}{bld}号楼')}${filler.rng.chance(0.5) ? filler.fill('{unitNo}单元') : ''}`;
    case 'street':
      return `${head}${filler.fill('{road}与{road2}交叉口附近')}`;
    case 'shop':
      return `${head}${filler.fill('{road}{num}号')}`;
    case 'village':
      return `${head}${village}${filler.get('group')}`;
    case 'site':
      return `${head}${filler.fill('{road}{estate}项目工地')}`;
    case 'area':
      return `${head}${village}`;
  }
}

function pickBoard(rng: Rng, boards: ReturnType<typeof leaderBoards>, countyKey: string) {
  const keys = ['mayor', 'secretary', `${countyKey}-secretary`, `${countyKey}-head`];
  const key = rng.weighted(keys, [35, 25, 25, 15]);
  return boards.find((b) => b.key === key)!;
}

const maxContent = 400;

/** How the text reads on each channel: an operator's record, or a letter to a leader. */
function wrapContent(body: string, channel: AppealChannel, type: AppealType, salutation?: string): string {
  let prefix = '';
  let suffix = '';
  if (channel === 'hotline') {
    prefix = type === 'thanks' ? '来电人表示：' : '来电人反映：';
    suffix =
      type === 'inquiry' ? '请相关部门予以解答。'
        : type === 'suggestion' ? '请相关部门研究采纳。'
          : type === 'thanks' ? ''
            : '来电人希望相关部门尽快核实处理。';
  } else if (channel === 'board' && salutation) {
    prefix = `尊敬的${salutation}：您好！`;
    suffix = type === 'thanks' ? '' : '恳请领导关注，盼复！';
  }
  for (const text of [prefix + body + suffix, prefix + body, body]) {
    if (text.length <= maxContent) return text;
  }
  return body.slice(0, maxContent);
}

/**
 * Which unit would lead the handling of a draft (主办单位): the township or
 * street for local matters (属地), else the first owning department that the
 * region's county has, else that department at city level, else the county.
 * @throws Error when the draft's region is not in the tree.
 */
export function suggestedLeadUnitKey(draft: Pick<AppealDraft, 'category' | 'regionKey'>, city: UnitSpec): string {
  const index = indexCity(city);
  const region = index.get(draft.regionKey);
  if (!region) throw new Error(`unknown region '${draft.regionKey}'`);
  if (isLocalCategory(draft.category) && region.townshipKey) return region.townshipKey;
  const owners = ownersOf(draft.category);
  const county = region.countyKey;
  for (const suffix of owners) {
    if (county && index.has(`${county}-dept-${suffix}`)) return `${county}-dept-${suffix}`;
  }
  for (const suffix of owners) {
    if (index.has(`dept-${suffix}`)) return `dept-${suffix}`;
  }
  return county ?? centreKey;
}
