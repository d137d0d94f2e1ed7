/**
 * Fills `{slot}` placeholders of appeal templates with names from the region
 * where the appeal happens and with dates before it was received. Each slot
 * is resolved once per appeal, so a title, its content, the address and the
 * subject all mention the same estate, company or date.
 */
import type { UnitInfo } from './city.ts';
import { cityName } from './city-data.ts';
import { surname } from './names.ts';
import {
  chineseNumerals,
  companyName,
  hospitals,
  platforms,
  regionPlaces,
  riverWords,
  scenicSpots,
  stations,
  tradeWords,
} from './places.ts';
import { hashSeed, createRng, type Rng } from './random.ts';

/** Where and when an appeal happens. */
export interface SlotScope {
  rng: Rng;
  /** The region unit (level 3 or 4) of the appeal. */
  region: UnitInfo;
  county: UnitInfo;
  township: UnitInfo;
  /** The village/community, when the region is level 4. */
  village: UnitInfo | null;
  receivedAt: Date;
}

const dayMs = 86_400_000;
const shanghaiOffsetMs = 8 * 3_600_000;

/** Month and day in Asia/Shanghai, e.g. '3月12日'. */
function monthDay(t: Date): string {
  const local = new Date(t.getTime() + shanghaiOffsetMs);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

const strip = (name: string, suffixes: readonly string[]): string => {
  for (const s of suffixes) if (name.endsWith(s) && name.length > s.length + 1) return name.slice(0, -s.length);
  return name;
};

type Resolver = (s: SlotFiller) => string;

/** Slot name → how to make its value. Stable names seed their own generator, so an estate keeps its property company. */
const resolvers: Record<string, Resolver> = {
  city: () => cityName,
  county: (s) => s.scope.county.unit.name,
  countyShort: (s) => strip(s.scope.county.unit.name, ['区', '县', '市']),
  township: (s) => s.scope.township.unit.name,
  townshipShort: (s) => strip(s.scope.township.unit.name, ['街道', '镇', '乡']),
  village: (s) => {
    if (!s.scope.village) throw new Error('template uses {village} but the region is a township');
    return s.scope.village.unit.name;
  },
  estate: (s) => regionPlaces(s.scope.region.unit.key).estates[s.rng.zipfIndex(4, 1)],
  road: (s) => regionPlaces(s.scope.region.unit.key).roads[s.rng.zipfIndex(4, 1)],
  road2: (s) => regionPlaces(s.scope.region.unit.key).roads.find((r) => r !== s.get('road')) ?? '中心路',
  num: (s) => String(s.rng.int(1, 399)),
  bld: (s) => String(s.rng.int(1, 28)),
  unitNo: (s) => String(s.rng.int(1, 4)),
  floor: (s) => String(s.rng.int(6, 32)),
  floors: (s) => String(s.rng.int(18, 33)),
  room: (s) => `${s.rng.int(2, 26)}0${s.rng.int(1, 4)}`,
  group: (s) => `${chineseNumerals[s.rng.int(0, 9)]}组`,
  person: (s) => `${surname(s.rng)}某`,
  boss: (s) => `${surname(s.rng)}某`,
  propertyCo: (s) => companyName(stable(s, 'property', s.get('estate')), '物业服务'),
  developer: (s) => companyName(stable(s, 'developer', s.get('estate')), '置业'),
  builder: (s) => companyName(s.rng, s.rng.pick(['建筑工程', '建设工程', '建工集团'])),
  heatCo: (s) => s.rng.pick(['安澜市热力有限公司', `${s.get('countyShort')}城市供热有限公司`]),
  factory: (s) => companyName(s.rng, s.rng.pick(['化工', '建材', '塑料制品', '橡胶制品', '铸造', '木业', '包装材料', '涂料'])),
  company: (s) => companyName(s.rng, s.rng.pick(['商贸', '电子科技', '物流', '服装', '家具制造', '汽车配件', '食品'])),
  restaurant: (s) => `${s.rng.chance(0.5) ? surname(s.rng) + '记' : s.rng.pick(tradeWords)}${s.rng.pick(['烧烤', '火锅', '大排档', '饭庄', '小龙虾', '面馆', '酒楼', '羊肉汤馆'])}`,
  shop: (s) => `${s.rng.pick(tradeWords)}${s.rng.pick(['超市', '便利店', '生鲜超市', '购物广场'])}`,
  prepaidShop: (s) => `${s.rng.pick(tradeWords)}${s.rng.pick(['健身会所', '美容美发店', '洗车店', '游泳馆', '教育培训中心'])}`,
  training: (s) => `${s.rng.pick(tradeWords)}${s.rng.pick(['教育', '培训学校', '艺术培训中心', '英语学校'])}`,
  school: (s) =>
    s.rng.chance(0.5)
      ? `${s.get('countyShort')}第${chineseNumerals[s.rng.int(0, 8)]}${s.rng.pick(['小学', '中学', '实验小学'])}`
      : `${s.get('townshipShort')}${s.rng.pick(['中心小学', '中学', '小学'])}`,
  kindergarten: (s) => `${s.get('townshipShort')}${s.rng.pick(['中心幼儿园', '第一幼儿园', '实验幼儿园'])}`,
  hospital: (s) => s.rng.pick(hospitals(s.scope.county.unit.name)),
  clinic: (s) =>
    s.scope.township.unit.name.endsWith('街道')
      ? `${s.get('township')}社区卫生服务中心`
      : `${s.get('townshipShort')}${s.scope.township.unit.name.endsWith('乡') ? '乡' : '镇'}卫生院`,
  market: (s) => `${s.get('townshipShort')}农贸市场`,
  coop: (s) => `${s.get('townshipShort')}${s.rng.pick(tradeWords)}种植专业合作社`,
  farm: (s) => (s.rng.chance(0.5) ? `${s.get('townshipShort')}${s.rng.pick(tradeWords)}养殖场` : `${surname(s.rng)}某的养猪场`),
  bus: (s) => `${s.rng.int(1, 86)}路`,
  station: (s) => s.rng.pick(stations),
  platform: (s) => s.rng.pick(platforms),
  scenic: (s) => s.rng.pick(scenicSpots),
  river: (s) => (s.rng.chance(0.4) ? '澜江' : `${stable(s, 'river', s.scope.county.unit.key).pick(riverWords)}河`),
  date: (s) => monthDay(new Date(s.scope.receivedAt.getTime() - s.rng.int(2, 20) * dayMs)),
  month: (s) => `${monthDay(new Date(s.scope.receivedAt.getTime() - s.rng.int(35, 150) * dayMs)).split('月')[0]}月`,
  night: (s) => s.rng.pick(['晚上十点多', '晚上十一点左右', '夜里十二点以后', '凌晨一点多', '凌晨两三点']),
  days: (s) => String(s.rng.int(2, 9)),
  weeks: (s) => String(s.rng.int(2, 6)),
  months: (s) => String(s.rng.int(2, 8)),
  years: (s) => String(s.rng.int(2, 6)),
  times: (s) => String(s.rng.int(3, 6)),
  hours: (s) => String(s.rng.int(8, 40)),
  temp: (s) => String(s.rng.int(10, 15)),
  age: (s) => String(s.rng.int(80, 94)),
  age2: (s) => String(s.rng.int(38, 55)),
  fee: (s) => (s.rng.int(8, 16) / 10).toFixed(1),
  fee2: (s) => (Number(s.get('fee')) + s.rng.int(3, 9) / 10).toFixed(1),
  fee3: (s) => String(s.rng.int(2, 8) * 100),
  fare: (s) => String(s.rng.int(65, 128)),
  amount: (s) => `${s.rng.int(12, 98) * 100}元`,
  wageTotal: (s) => `${s.rng.int(6, 48)}万余元`,
  workers: (s) => String(s.rng.int(6, 38)),
  mu: (s) => String(s.rng.int(3, 15)),
  mu2: (s) => String(s.rng.int(20, 90) * 10),
};

/** A generator tied to a name rather than to the appeal, e.g. the property company of an estate. */
function stable(s: SlotFiller, kind: string, name: string): Rng {
  return createRng(hashSeed(kind, s.scope.region.unit.key, name));
}

/** Resolves and caches slot values for one appeal. */
export class SlotFiller {
  private readonly values = new Map<string, string>();
  readonly rng: Rng;

  constructor(readonly scope: SlotScope) {
    this.rng = scope.rng;
  }

  /** The value of one slot. @throws Error for an unknown slot (a template bug). */
  get(name: string): string {
    let value = this.values.get(name);
    if (value === undefined) {
      const resolve = resolvers[name];
      if (!resolve) throw new Error(`unknown template slot {${name}}`);
      value = resolve(this);
      this.values.set(name, value);
    }
    return value;
  }

  /** A text with every `{slot}` replaced. */
  fill(text: string): string {
    return text.replace(/\{(\w+)\}/g, (_, name: string) => this.get(name));
  }
}

/** Names of every slot a template may use. */
export const slotNames: readonly string[] = Object.keys(resolvers);
