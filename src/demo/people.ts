/**
 * Demo staff accounts for 安澜市: a documented set of memorable logins for
 * every role, plus a handler (经办人) and a head (负责人) for every department,
 * mediation centre, county and township. Deterministic.
 */
import { centreKey, cityKey, demoCity, type UnitSpec } from './city.ts';
import { personName } from './names.ts';
import { createRng, hashSeed } from './random.ts';

/** What an account may do (see the lifecycle for the actions of each role). */
export type Role =
  | 'operator' // 话务员/受理员: takes calls, registers appeals
  | 'dispatcher' // 派单员: dispatches, arbitrates returns, approves extensions
  | 'handler' // 经办人 of a unit: signs, handles, drafts replies
  | 'head' // 负责人 of a unit: approves returns, extensions, replies
  | 'reviewer' // 审核/回访员: reviews replies, calls citizens back
  | 'supervisor' // 督办员: urges and supervises
  | 'leader' // 领导: reads boards, hands cases over, gives instructions
  | 'admin'; // 系统管理员

/** One demo account. Every account's password is `demoPassword`. */
export interface StaffSpec {
  username: string;
  displayName: string;
  unitKey: string;
  roles: Role[];
  /** Job title shown next to the name, e.g. '市长', '局长', '信息员'. */
  title?: string;
}

/** Password of every demo account. Never use demo data in production. */
export const demoPassword = 'minsheng2026';

/** A memorable login documented for people trying the demo. */
export interface DemoLogin {
  username: string;
  unitKey: string;
  roles: Role[];
  title?: string;
}

/**
 * The documented logins (see the README's table). c01 is 澜城区 (urban
 * district), c05 is 临澜县 (rural county); c05-t03 is a town and c05-t03-v02
 * one of its villages.
 */
export const demoLogins: readonly DemoLogin[] = [
  { username: 'admin', unitKey: centreKey, roles: ['admin'], title: '系统管理员' },
  { username: 'operator1', unitKey: centreKey, roles: ['operator'], title: '话务员' },
  { username: 'operator2', unitKey: centreKey, roles: ['operator'], title: '话务员' },
  { username: 'dispatcher1', unitKey: centreKey, roles: ['dispatcher'], title: '派单员' },
  { username: 'reviewer1', unitKey: centreKey, roles: ['reviewer'], title: '审核回访员' },
  { username: 'supervisor1', unitKey: centreKey, roles: ['supervisor'], title: '督办员' },
  { username: 'leader1', unitKey: cityKey, roles: ['leader'], title: '市长' },
  { username: 'leader2', unitKey: cityKey, roles: ['leader'], title: '市委书记' },
  { username: 'zjj.handler', unitKey: 'dept-zjj', roles: ['handler'], title: '信息员' },
  { username: 'zjj.head', unitKey: 'dept-zjj', roles: ['head'], title: '局长' },
  ...unitPair('c01'),
  ...unitPair('c01-t01'),
  ...unitPair('c01-t01-v01'),
  ...unitPair('c05'),
  ...unitPair('c05-t03'),
  ...unitPair('c05-t03-v02'),
];

function unitPair(unitKey: string): DemoLogin[] {
  return [
    { username: `${unitKey}.handler`, unitKey, roles: ['handler'] },
    { username: `${unitKey}.head`, unitKey, roles: ['head'] },
  ];
}

/** Extra hotline seats so the centre's queues look staffed. */
const extraCentreStaff: readonly DemoLogin[] = [
  ...[3, 4, 5, 6, 7, 8].map((n): DemoLogin => ({ username: `operator${n}`, unitKey: centreKey, roles: ['operator'], title: '话务员' })),
  { username: 'dispatcher2', unitKey: centreKey, roles: ['dispatcher'], title: '派单员' },
  { username: 'reviewer2', unitKey: centreKey, roles: ['reviewer'], title: '审核回访员' },
];

/**
 * Every demo account: the documented logins first, then generated
 * `${unitKey}.handler` / `${unitKey}.head` for every department, mediation
 * centre, county and township, and `${countyKey}.leader` for every county.
 * Display names are seeded by username, so they are stable.
 */
export function demoStaff(city: UnitSpec = demoCity()): StaffSpec[] {
  const units = new Map<string, UnitSpec>();
  const walk = (u: UnitSpec): void => {
    units.set(u.key, u);
    u.children?.forEach(walk);
  };
  walk(city);

  const accounts: DemoLogin[] = [...demoLogins, ...extraCentreStaff];
  const taken = new Set(accounts.map((a) => a.username));
  const add = (login: DemoLogin): void => {
    if (taken.has(login.username)) return;
    taken.add(login.username);
    accounts.push(login);
  };
  for (const unit of units.values()) {
    const staffed =
      unit.kind === 'department' || unit.kind === 'mediation' || (unit.kind === 'region' && (unit.level === 2 || unit.level === 3));
    if (!staffed) continue;
    for (const login of unitPair(unit.key)) add(login);
    if (unit.kind === 'region' && unit.level === 2) {
      add({ username: `${unit.key}.leader`, unitKey: unit.key, roles: ['leader'], title: headTitle(unit) });
    }
  }

  const usedNames = new Set<string>();
  return accounts.map((login) => {
    const rng = createRng(hashSeed('staff', login.username));
    let displayName = personName(rng);
    while (usedNames.has(displayName)) displayName = personName(rng);
    usedNames.add(displayName);
    const unit = units.get(login.unitKey);
    const title = login.title ?? (unit ? defaultTitle(unit, login.roles) : undefined);
    return { username: login.username, displayName, unitKey: login.unitKey, roles: [...login.roles], ...(title ? { title } : {}) };
  });
}

/** Title of a county's government head: 区长, 县长 or (county-level city) 市长. */
function headTitle(county: UnitSpec): string {
  if (county.name.endsWith('区')) return '区长';
  return county.name.endsWith('县') ? '县长' : '市长';
}

function defaultTitle(unit: UnitSpec, roles: readonly Role[]): string | undefined {
  if (roles.includes('handler')) return '信息员';
  if (!roles.includes('head')) return undefined;
  if (unit.kind === 'department') return unit.name.endsWith('委') ? '主任' : '局长';
  if (unit.kind !== 'region') return '主任';
  if (unit.level === 2) return '政府办主任';
  if (unit.level === 3) return unit.name.endsWith('街道') ? '街道办主任' : unit.name.endsWith('镇') ? '镇长' : '乡长';
  return unit.name.endsWith('社区') ? '社区书记' : '村支书';
}
