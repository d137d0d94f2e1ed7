/**
 * Invented local names (estates, roads, companies, schools…) for the demo
 * city. Each region gets its own stable set, seeded by its key, so the same
 * community keeps the same estates across appeals and runs.
 */
import { cityShortName } from './city-data.ts';
import { createRng, hashSeed, type Rng } from './random.ts';

const estateWords = [
  '翠湖', '锦绣', '阳光', '和谐', '滨江', '澜湾', '紫荆', '御景', '书香', '桂园',
  '丽景', '枫林', '春晖', '康乐', '幸福', '金桂', '秀水', '绿洲', '文昌', '东方',
  '观澜', '润园', '泰和', '怡景', '悦澜', '清华', '香榭', '盛世', '金水', '碧桂',
  '兰亭', '江南', '水岸', '华庭', '明珠', '富康', '星河', '天润', '鸿福', '嘉和',
  '青年', '馨苑', '锦江', '凤凰', '丰泽', '安居', '福润', '世纪', '民生', '百合',
];
const estateSuffixes = ['花园', '雅苑', '家园', '苑', '名邸', '雅居', '新村', '华府', '公馆', '嘉园', '佳苑', '新城'];
const roadWords = [
  '人民', '建设', '解放', '文化', '滨河', '澜江', '新华', '胜利', '朝阳', '育才',
  '工业', '长青', '和平', '青年', '府前', '迎宾', '东风', '光明', '兴业', '学府',
  '站前', '环城', '北关', '南关', '健康', '振兴', '团结', '红旗', '五一', '幸福',
  '富民', '开元', '丰收', '凤鸣', '翠屏', '黄河', '长江', '金桥', '复兴', '民主',
];
const roadSuffixes = ['路', '路', '路', '街', '大街', '大道'];
/** Words for company and shop names. */
export const tradeWords = [
  '锦程', '恒泰', '宏远', '鑫达', '华瑞', '嘉禾', '瑞丰', '安泰', '德信', '永盛',
  '金诚', '宏达', '中盛', '新元', '汇通', '佳和', '博远', '天成', '润泽', '恒信',
  '鼎盛', '隆昌', '兴达', '顺通', '众鑫', '惠民', '同舟', '和顺', '百润', '聚源',
  '晟泰', '正阳', '华兴', '美程', '信达', '启航', '乐活', '优品', '万家', '福满',
];

/** Stable local names of one region (a community, village or street). */
export interface RegionPlaces {
  estates: string[];
  roads: string[];
}

const cache = new Map<string, RegionPlaces>();

/** The estates and roads of a region, the same for the same key. */
export function regionPlaces(regionKey: string): RegionPlaces {
  let places = cache.get(regionKey);
  if (!places) {
    const rng = createRng(hashSeed('places', regionKey));
    places = { estates: distinct(rng, 4, estateName), roads: distinct(rng, 4, roadName) };
    cache.set(regionKey, places);
  }
  return places;
}

function distinct(rng: Rng, n: number, make: (rng: Rng) => string): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(make(rng));
  return [...out];
}

function estateName(rng: Rng): string {
  return rng.pick(estateWords) + rng.pick(estateSuffixes);
}

function roadName(rng: Rng): string {
  return rng.pick(roadWords) + rng.pick(roadSuffixes);
}

/** A company name of the given trade, e.g. '安澜恒泰物业服务有限公司'. */
export function companyName(rng: Rng, trade: string, withCity = true): string {
  return `${withCity ? cityShortName : ''}${rng.pick(tradeWords)}${trade}有限公司`;
}

/** Hospitals of the city, and of a county. */
export function hospitals(countyName: string): string[] {
  return ['安澜市第一人民医院', '安澜市中心医院', '安澜市中医院', '安澜市妇幼保健院', `${countyName}人民医院`];
}

/** Scenic spots of the city. */
export const scenicSpots = ['凤栖山风景区', '澜江湿地公园', '安澜古城景区', '鹤岭森林公园', '青岚湖景区', '白鹭洲生态园'];
/** Railway and coach stations. */
export const stations = ['安澜站', '安澜东站', '安澜汽车客运总站'];
/** Ride-hailing platforms (fictional). */
export const platforms = ['澜途出行', '易程约车', '安澜e行'];
/** The city's river and names of its smaller ones. */
export const riverWords = ['清水', '白沙', '柳', '双龙', '小澜', '桃花', '青龙', '马家'];

/** Chinese numerals 1–12, for 一组, 第三小学. */
export const chineseNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
