/**
 * The demo city 安澜市 as an organisation tree: the city, its 12345 centre,
 * mediation centres, functional departments, and the four-level regional
 * network (市 → 区/县/县级市 → 街道/镇/乡 → 社区/村). Pure data, deterministic.
 */
import {
  cityDepartments,
  cityName,
  communityRoots,
  counties,
  townshipRoots,
  villageRoots,
  villageSuffixes,
  villageSurnames,
  type CountySeed,
} from './city-data.ts';
import { createRng, hashSeed, type Rng } from './random.ts';

export { cityName, cityNumberPrefix, cityShortName } from './city-data.ts';

/** What a unit is: the 12345 centre, a region (government of an area), a department, a mediation centre. */
export type UnitKind = 'centre' | 'region' | 'department' | 'mediation';

/** One unit of the tree. `key` is a stable ASCII key unique in the tree. */
export interface UnitSpec {
  key: string;
  name: string;
  kind: UnitKind;
  /** 1 city, 2 county/district, 3 township/street, 4 village/community. */
  level: 1 | 2 | 3 | 4;
  children?: UnitSpec[];
}

/** Key of the city root unit. */
export const cityKey = 'city';
/** Key of the 12345 centre. */
export const centreKey = 'centre';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Build the demo city tree. Keys: 'city', 'centre', 'mediation', 'dept-zjj',
 * 'c01', 'c01-dept-zjj', 'c01-mediation', 'c01-t03', 'c01-t03-v02'.
 * Same output on every call.
 */
export function demoCity(): UnitSpec {
  const rng = createRng(hashSeed('anlan-city'));
  const usedTownshipRoots = new Set<string>();
  const children: UnitSpec[] = [
    { key: centreKey, name: '市12345政务服务便民热线中心', kind: 'centre', level: 1 },
    { key: 'mediation', name: '市矛盾纠纷调处化解中心', kind: 'mediation', level: 1 },
    ...cityDepartments.map((d): UnitSpec => ({
      key: `dept-${d.suffix}`,
      name: d.cityName,
      kind: 'department',
      level: 1,
    })),
  ];
  counties.forEach((seed, i) => {
    children.push(buildCounty(`c${pad(i + 1)}`, seed, rng, usedTownshipRoots));
  });
  return { key: cityKey, name: cityName, kind: 'region', level: 1, children };
}

function buildCounty(key: string, seed: CountySeed, rng: Rng, usedRoots: Set<string>): UnitSpec {
  const kinds: Array<'街道' | '镇' | '乡'> = [
    ...Array<'街道'>(seed.streets).fill('街道'),
    ...Array<'镇'>(seed.towns).fill('镇'),
    ...Array<'乡'>(seed.xiang).fill('乡'),
  ];
  const townships = kinds.map((suffix, i): UnitSpec => {
    let root = rng.pick(townshipRoots);
    while (usedRoots.has(root)) root = rng.pick(townshipRoots);
    usedRoots.add(root);
    const tKey = `${key}-t${pad(i + 1)}`;
    return {
      key: tKey,
      name: `${root}${suffix}`,
      kind: 'region',
      level: 3,
      children: buildVillages(tKey, root, suffix),
    };
  });
  const rural = seed.towns + seed.xiang > 0;
  const departments = cityDepartments
    .filter((d) => d.countyShort && (d.suffix !== 'nyncj' || rural))
    .map((d): UnitSpec => ({
      key: `${key}-dept-${d.suffix}`,
      name: `${seed.name}${d.countyShort}`,
      kind: 'department',
      level: 2,
    }));
  return {
    key,
    name: seed.name,
    kind: 'region',
    level: 2,
    children: [
      ...departments,
      { key: `${key}-mediation`, name: `${seed.name}矛盾纠纷调处化解中心`, kind: 'mediation', level: 2 },
      ...townships,
    ],
  };
}

/** 3–6 communities (街道) or villages (镇/乡; a town's first one is its seat community). */
function buildVillages(townshipKey: string, root: string, suffix: '街道' | '镇' | '乡'): UnitSpec[] {
  const rng = createRng(hashSeed('villages', townshipKey));
  const count = rng.int(3, 6);
  const names = new Set<string>();
  while (names.size < count) {
    if (suffix === '街道') names.add(`${rng.pick(communityRoots)}社区`);
    else if (suffix === '镇' && names.size === 0) names.add(`${root}社区`);
    else if (rng.chance(0.45)) names.add(`${rng.pick(villageSurnames)}家${rng.pick(villageSuffixes)}村`);
    else names.add(`${rng.pick(villageRoots)}村`);
  }
  return [...names].map((name, i) => ({
    key: `${townshipKey}-v${pad(i + 1)}`,
    name,
    kind: 'region',
    level: 4,
  }));
}

/** A unit with where it sits in the tree. */
export interface UnitInfo {
  unit: UnitSpec;
  parentKey: string | null;
  /** The enclosing county-level region (level 2), if any. */
  countyKey: string | null;
  /** The enclosing township/street (level 3), if any. */
  townshipKey: string | null;
  /** Names from below the city down to this unit, e.g. '澜城区青石街道锦绣社区'. */
  fullName: string;
}

const indexCache = new WeakMap<UnitSpec, Map<string, UnitInfo>>();

/** Every unit of a tree by key (cached per tree object). Depth-first, parents before children. */
export function indexCity(root: UnitSpec): Map<string, UnitInfo> {
  const cached = indexCache.get(root);
  if (cached) return cached;
  const index = new Map<string, UnitInfo>();
  const visit = (unit: UnitSpec, parent: UnitInfo | null): void => {
    const isRegion = unit.kind === 'region';
    const info: UnitInfo = {
      unit,
      parentKey: parent?.unit.key ?? null,
      countyKey: isRegion && unit.level === 2 ? unit.key : (parent?.countyKey ?? null),
      townshipKey: isRegion && unit.level === 3 ? unit.key : (parent?.townshipKey ?? null),
      fullName: parent && parent.parentKey !== null && isRegion ? parent.fullName + unit.name : unit.name,
    };
    index.set(unit.key, info);
    for (const child of unit.children ?? []) visit(child, info);
  };
  visit(root, null);
  indexCache.set(root, index);
  return index;
}

/** A Leader Message Board (领导留言板) a citizen can write to. */
export interface LeaderBoardSpec {
  /** 'secretary', 'mayor', 'c01-secretary', 'c01-head'. */
  key: string;
  /** Public title of the leader, e.g. '安澜市市长', '临澜县县长'. */
  title: string;
  /** How a letter addresses the leader, e.g. '市长', '澜城区委书记'. */
  salutation: string;
  /** The region unit the leader heads. */
  unitKey: string;
}

/** Boards of the city party secretary and mayor, and of every county's secretary and head. */
export function leaderBoards(root: UnitSpec): LeaderBoardSpec[] {
  const boards: LeaderBoardSpec[] = [
    { key: 'secretary', title: `${root.name}委书记`, salutation: '市委书记', unitKey: root.key },
    { key: 'mayor', title: `${root.name}市长`, salutation: '市长', unitKey: root.key },
  ];
  for (const county of root.children ?? []) {
    if (county.kind !== 'region') continue;
    const head = county.name.endsWith('区') ? '区长' : county.name.endsWith('县') ? '县长' : '市长';
    boards.push(
      { key: `${county.key}-secretary`, title: `${county.name}委书记`, salutation: `${county.name}委书记`, unitKey: county.key },
      { key: `${county.key}-head`, title: `${county.name}${head}`, salutation: `${county.name}${head}`, unitKey: county.key },
    );
  }
  return boards;
}
