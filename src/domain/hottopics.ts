import { normalizeText } from './text/normalize.ts';
import { segmentNormalized } from './text/tokenize.ts';

/**
 * Hot topics (热点): groups of appeals about the same problem AT the same
 * place within a time window, whatever channel they came by. Pure: no I/O;
 * the `hot-topics` job feeds it the recent cases and stores what it returns.
 *
 * Problem: each appeal becomes a TF-IDF vector of its jieba words (title
 * counted twice, then the head of the content), stop words, one-character
 * words and pieces of its place names left out (the vector says what, the
 * place says where), weights `tf · (ln((N+1)/(df+1)) + 1)` over the appeals
 * of the run, length-normalised.
 *
 * Place: the place words of the address, the region unit and the text —
 * roads, streets, communities, estates, villages, towns (联丰路, 景蓉华苑,
 * 金鼎村, 魅力之城小区), found by their suffix — and a coarse region (the
 * region unit's path, or a district named in the text such as A3区).
 *
 * Clustering: single pass (leader clustering) in order of arrival. An appeal
 * joins the most similar open cluster when the cosine of its vector and the
 * cluster's centroid reaches {@link HotTopicOptions.threshold} AND the place
 * agrees: coarse regions compatible (equal, or one inside the other) and at
 * least one place word shared. An appeal with no place word may join only a
 * cluster without place words in a compatible region, at the stricter
 * {@link HotTopicOptions.placelessThreshold} (a city-wide question such as a
 * policy). A cluster is open while its last appeal is at most
 * {@link HotTopicOptions.windowDays} old. A second pass merges clusters the
 * single pass split. Measured on development data: docs/hot-topics.md.
 */

export interface TopicInput {
  id: number;
  title: string;
  content: string;
  receivedAt: Date;
  /** The region unit's path (`/1/4/9/`), or null. */
  regionPath?: string | null;
  /** The region unit's name (a place word when it is a town, street or village). */
  regionName?: string | null;
  address?: string | null;
}

export interface HotTopicOptions {
  /** Cosine from which an appeal joins a cluster at a shared place. */
  threshold: number;
  /** Cosine from which an appeal without any place word joins a cluster without place words. */
  placelessThreshold: number;
  /** A cluster takes new appeals while its latest is at most this many days older. */
  windowDays: number;
  /** Clusters smaller than this are not topics. */
  minSize: number;
}

export const defaultHotTopicOptions: HotTopicOptions = { threshold: 0.3, placelessThreshold: 0.55, windowDays: 14, minSize: 2 };

export interface Cluster {
  /** Member ids, in order of arrival. */
  caseIds: number[];
  /** Up to 3 members closest to the centroid: the representative messages. */
  representativeIds: number[];
  /** The heaviest words of the centroid (place words excluded). */
  terms: string[];
  /** The most common place word of the members' titles (else of their texts), or null. */
  place: string | null;
  /** The coarse region most members share (path or district), or null. */
  region: string | null;
  firstAt: Date;
  lastAt: Date;
}

/** Words that say nothing about which problem an appeal is about. */
const STOP_WORDS = new Set(`反映 问题 请问 希望 相关 部门 相关部门 我们 你们 他们 没有 一个 什么 能否 如何 关于 要求 投诉 咨询 情况 处理 解决
政府 领导 你好 您好 市民 现在 已经 这个 那个 进行 请求 建议 可以 还是 不是 因为 所以 但是 如果 时候 目前 今年 去年 多年 严重 尽快
为什么 怎么 怎么办 是否 是不是 有关 一直 一下 这样 那么 这些 那些 自己 大家 本人 由于 以及 以上 通过 其中 需要 存在 问下 谢谢 感谢
请求 恳请 呼吁 给予 得到 不能 不会 可能 应该 只能 还有 非常 特别 整个 所有 一些 这里 那里 这么 如此 并且 而且 同时 然后 之后 之前
以后 以前 之间 当地 有人 有些 为了 对于 根据 按照 是否是 小区 附近 居民 业主 旁边 周边 门口 书记 市长 局长 主任 您 请 问 的 了 是 在 和 与 也 都 就 又 我 你 他
num phone idno NUM PHONE IDNO 西地省`.split(/\s+/).filter(Boolean));

/** Suffixes of place words, longest first. */
const PLACE_SUFFIXES = ['工业园', '幼儿园', '小区', '花园', '家园', '公寓', '街道', '社区', '大道', '广场', '公园', '市场', '医院', '学校', '中学',
  '小学', '大厦', '新城', '路', '街', '巷', '村', '镇', '乡', '苑', '府', '湾'];
/** Characters that end a place name when reading backwards from its suffix: administrative levels, pronouns, particles. */
const PLACE_STOPS = new Set('省市区县镇乡村路街道巷苑府湾在的了和与是到对从往至及或把被给向于里位住等这那该此本我你他她们个各每有无没一不就都也还又很'.split(''));
/** Place words that name no particular place. */
const GENERIC_PLACES = new Set(['高速公路', '水泥路', '公路', '马路', '道路', '步行街', '小区', '社区', '农村', '乡村', '城乡', '乡镇', '街道',
  '新农村', '老小区', '老旧小区', '商业街', '主干道', '居民小区', '新小区', '整个小区', '该小区']);
/** Modifiers that make a place word a kind of place rather than one place (配套幼儿园, 附近小区). */
const GENERIC_MODIFIERS = /^(配套|普惠性?|公立|民办|私立|附近|周边|公交|老旧|安置|整个|所有|各个|其他|其它|周围|旁边|对面|门口|临街)/;
/** Words that end like a place but are not one (相关政府, 公交线路). */
const GENERIC_ENDINGS = /(政府|线路|道路|马路|公路|思路|出路|门路|销路|水路|电路|网路)$/;
/** A suffix followed by one of these characters is the start of another word (路灯, 村民, 镇政府). */
const NOT_PLACE_AFTER: Record<string, string> = { 路: '灯面况费线基过上边旁人', 街: '头上边', 村: '民委里', 镇: '政', 乡: '村亲', 巷: '子' };
const MAX_PLACE_PREFIX = 5;
const HAN = /\p{Script=Han}/u;
/** An anonymised or Latin-coded district in text: A3区, A7县. */
const CODED_DISTRICT = /(?<![a-z0-9])[a-z][0-9]{1,2}[区县]/g;

/**
 * The place words of a normalised text: a run of at most five Chinese
 * characters before a place suffix, read backwards until an administrative
 * level, pronoun or particle (“座落在A市A3区联丰路” → 联丰路).
 */
export function placeWords(normalized: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < normalized.length; i++) {
    const suffix = PLACE_SUFFIXES.find((s) => normalized.startsWith(s, i));
    if (!suffix || NOT_PLACE_AFTER[suffix]?.includes(normalized[i + suffix.length] ?? '')) continue;
    let start = i;
    while (start > 0 && i - start < MAX_PLACE_PREFIX && HAN.test(normalized[start - 1]) && !PLACE_STOPS.has(normalized[start - 1])) start--;
    // Every prefix of two characters or more: the true name (金毛湾) is among them even when
    // the run caught a word before it (为当初金毛湾), and it is the one appeals share.
    for (let from = start; i - from >= 2; from++) {
      const word = normalized.slice(from, i + suffix.length);
      if (GENERIC_MODIFIERS.test(word) || GENERIC_ENDINGS.test(word)) break; // 普惠性幼儿园: nor 惠性幼儿园 after it
      if (!GENERIC_PLACES.has(word)) out.add(word);
    }
    i += suffix.length - 1;
  }
  return [...out];
}

/** The coarse region named in a normalised text (the first coded district, e.g. `a3区`), or null. */
export function textRegion(normalized: string): string | null {
  return normalized.match(CODED_DISTRICT)?.[0] ?? null;
}

/** Problem words of a normalised text: jieba words of two characters or more, stop words and place words left out. */
export function problemWords(normalized: string, places: readonly string[] = []): string[] {
  // A piece of a place word (幸福 and 家园 of 幸福家园) says where, not what.
  return segmentNormalized(normalized).filter((w) => [...w].length >= 2 && !STOP_WORDS.has(w) && !/^[a-z]?[0-9.]+[a-z]?$/.test(w)
    && !places.some((p) => p.includes(w)) && !/^[a-z][0-9]{0,2}$/.test(w));
}

/** How far into the content the problem and place are read: the head of an appeal says what and where. */
export const contentHead = 300;

export interface Features {
  id: number;
  at: Date;
  words: string[];
  places: string[];
  /** The place words of the title: what a topic is named after. */
  titlePlaces: string[];
  region: string | null;
}

/** The words, places and region of one appeal. */
export function featuresOf(input: TopicInput): Features {
  const title = normalizeText(input.title);
  const body = normalizeText(input.content.slice(0, contentHead + 100)).slice(0, contentHead);
  const address = normalizeText(input.address ?? '');
  const text = `${title} ${body}`;
  const places = new Set([...placeWords(address), ...placeWords(text)]);
  const regionName = normalizeText(input.regionName ?? '');
  // A town, street or village (third level or deeper) is itself a place; a county is only a region.
  if (regionName && input.regionPath && input.regionPath.split('/').filter(Boolean).length >= 3) places.add(regionName);
  const placeList = [...places];
  const words = [...problemWords(title, placeList), ...problemWords(text, placeList)];
  const titlePlaces = placeWords(title);
  return { id: input.id, at: input.receivedAt, words, places: placeList, titlePlaces, region: input.regionPath ?? textRegion(`${address} ${text}`) };
}

type Vector = Map<string, number>;

/** TF-IDF vectors, length-normalised, with IDF over the given appeals. */
export function tfidf(all: readonly Features[]): Vector[] {
  const df = new Map<string, number>();
  for (const f of all) for (const w of new Set(f.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = all.length;
  return all.map((f) => {
    const v: Vector = new Map();
    for (const w of f.words) v.set(w, (v.get(w) ?? 0) + 1);
    let norm = 0;
    for (const [w, tf] of v) {
      const x = tf * (Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
}

/** Two coarse regions are compatible when either is unknown or one lies inside the other. */
export function regionsCompatible(a: string | null, b: string | null): boolean {
  return !a || !b || a.startsWith(b) || b.startsWith(a);
}

interface Working {
  members: number[];
  centroid: Vector;
  norm: number;
  places: Map<string, number>;
  titlePlaces: Map<string, number>;
  regions: Map<string, number>;
  region: string | null;
  firstAt: Date;
  lastAt: Date;
}

function dot(v: Vector, c: Vector): number {
  let s = 0;
  for (const [w, x] of v) s += x * (c.get(w) ?? 0);
  return s;
}

function addTo(c: Working, v: Vector) {
  for (const [w, x] of v) c.centroid.set(w, (c.centroid.get(w) ?? 0) + x);
  let norm = 0;
  for (const x of c.centroid.values()) norm += x * x;
  c.norm = Math.sqrt(norm);
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
/** The most frequent key; among equals the longest (伊景园滨河苑 over 景园滨河苑), then the first in code order. */
const mostCommon = (m: Map<string, number>) =>
  [...m].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]?.[0] ?? null;

/**
 * Groups appeals into hot topics (see the module comment). Deterministic:
 * the same appeals give the same clusters, whatever order they are passed in.
 * Returns the clusters of at least `minSize` appeals, largest first.
 */
export function clusterAppeals(inputs: readonly TopicInput[], options: Partial<HotTopicOptions> = {}): Cluster[] {
  const o = { ...defaultHotTopicOptions, ...options };
  const sorted = [...inputs].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id - b.id);
  const features = sorted.map(featuresOf);
  const vectors = tfidf(features);
  const clusters: Working[] = [];
  const byPlace = new Map<string, Working[]>();
  const placeless: Working[] = [];
  const windowMs = o.windowDays * 86_400_000;

  features.forEach((f, i) => {
    const v = vectors[i];
    if (v.size === 0) return;
    const candidates = new Set<Working>(f.places.length ? f.places.flatMap((p) => byPlace.get(p) ?? []) : placeless);
    let best: Working | undefined;
    let bestScore = f.places.length ? o.threshold : o.placelessThreshold;
    for (const c of candidates) {
      if (f.at.getTime() - c.lastAt.getTime() > windowMs || !regionsCompatible(f.region, c.region)) continue;
      const score = c.norm > 0 ? dot(v, c.centroid) / c.norm : 0;
      if (score >= bestScore) { best = c; bestScore = score; }
    }
    if (!best) {
      best = { members: [], centroid: new Map(), norm: 0, places: new Map(), titlePlaces: new Map(), regions: new Map(), region: null, firstAt: f.at, lastAt: f.at };
      clusters.push(best);
      if (!f.places.length) placeless.push(best);
    }
    best.members.push(i);
    best.lastAt = f.at;
    addTo(best, v);
    for (const p of f.places) {
      if (!best.places.has(p)) byPlace.set(p, [...(byPlace.get(p) ?? []), best]);
      bump(best.places, p);
    }
    for (const p of f.titlePlaces) bump(best.titlePlaces, p);
    if (f.region) { bump(best.regions, f.region); best.region = best.region && best.region.length > f.region.length ? best.region : f.region; }
  });

  return mergeClusters(clusters.filter((c) => c.members.length >= o.minSize), windowMs, o.threshold)
    .map((c) => ({ ...c, members: [...c.members].sort((a, b) => a - b) }))
    .map((c) => {
      const placeSet = new Set(c.places.keys());
      const closeness = c.members.map((i) => ({ i, s: dot(vectors[i], c.centroid) }))
        .sort((a, b) => b.s - a.s || features[a.i].id - features[b.i].id);
      const terms = [...c.centroid].filter(([w]) => !placeSet.has(w)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 6).map(([w]) => w);
      return {
        caseIds: c.members.map((i) => features[i].id),
        representativeIds: closeness.slice(0, 3).map(({ i }) => features[i].id),
        terms,
        place: mostCommon(c.titlePlaces) ?? mostCommon(c.places),
        region: mostCommon(c.regions),
        firstAt: c.firstAt,
        lastAt: c.lastAt,
      };
    })
    .sort((a, b) => b.caseIds.length - a.caseIds.length || a.firstAt.getTime() - b.firstAt.getTime());
}

/**
 * Second pass: single pass splits a topic when its early appeals differ
 * (two clusters on 伊景园滨河苑 — one about parking, one about prices — that
 * later become one). Clusters sharing a place word, in compatible regions,
 * within the window of each other, whose centroids reach the threshold,
 * are merged until none are left to merge.
 */
function mergeClusters(clusters: Working[], windowMs: number, threshold: number): Working[] {
  const order = new Map(clusters.map((c, i) => [c, i]));
  const dead = new Set<Working>();
  for (let merged = true; merged;) {
    merged = false;
    // Candidates share a place word (or both have none): no pair without one is ever compared.
    const byPlace = new Map<string, Working[]>();
    const placeless: Working[] = [];
    for (const c of clusters) {
      if (dead.has(c)) continue;
      if (c.places.size === 0) placeless.push(c);
      for (const p of c.places.keys()) byPlace.set(p, [...(byPlace.get(p) ?? []), c]);
    }
    for (const x of clusters) {
      if (dead.has(x)) continue;
      const candidates = new Set(x.places.size ? [...x.places.keys()].flatMap((p) => byPlace.get(p) ?? []) : placeless);
      for (const y of [...candidates].sort((a, b) => order.get(a)! - order.get(b)!)) {
        if (order.get(y)! <= order.get(x)! || dead.has(y) || !regionsCompatible(x.region, y.region)) continue;
        if (x.firstAt.getTime() - y.lastAt.getTime() > windowMs || y.firstAt.getTime() - x.lastAt.getTime() > windowMs) continue;
        if (x.norm === 0 || y.norm === 0 || dot(x.centroid, y.centroid) / (x.norm * y.norm) < threshold) continue;
        absorb(x, y);
        dead.add(y);
        merged = true;
      }
    }
  }
  return clusters.filter((c) => !dead.has(c));
}

/** Moves `y`'s appeals, words, places and span into `x`. */
function absorb(x: Working, y: Working) {
  x.members.push(...y.members);
  for (const [w, v] of y.centroid) x.centroid.set(w, (x.centroid.get(w) ?? 0) + v);
  x.norm = Math.sqrt([...x.centroid.values()].reduce((s, v) => s + v * v, 0));
  for (const [p, n] of y.places) x.places.set(p, (x.places.get(p) ?? 0) + n);
  for (const [p, n] of y.titlePlaces) x.titlePlaces.set(p, (x.titlePlaces.get(p) ?? 0) + n);
  for (const [r, n] of y.regions) x.regions.set(r, (x.regions.get(r) ?? 0) + n);
  x.region = x.region && y.region ? (x.region.length >= y.region.length ? x.region : y.region) : x.region ?? y.region;
  x.firstAt = x.firstAt < y.firstAt ? x.firstAt : y.firstAt;
  x.lastAt = x.lastAt > y.lastAt ? x.lastAt : y.lastAt;
}

export interface SurgeOptions {
  /** At least this many new appeals in the last 24 hours … */
  minNew: number;
  /** … and at least this many times the cluster's average daily count before them. */
  factor: number;
  /** Hours after an alert before the same topic may alert again. */
  cooldownHours: number;
}

export const defaultSurgeOptions: SurgeOptions = { minNew: 5, factor: 3, cooldownHours: 24 };

/**
 * Whether a topic is growing fast (快速升温): `last24h` new appeals, against
 * `before` appeals in the `beforeDays` days before them. A topic with no
 * history compares against one appeal a day, so a brand-new cluster of
 * `minNew` appeals in a day is a surge when `minNew ≥ factor`.
 */
export function isSurging(last24h: number, before: number, beforeDays: number, o: SurgeOptions = defaultSurgeOptions): boolean {
  const rate = beforeDays > 0 ? before / beforeDays : 0;
  return last24h >= o.minNew && last24h >= o.factor * Math.max(rate, 1);
}
