import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appealWindowDays, generateAppeals, suggestedLeadUnitKey } from './appeals.ts';
import { centreKey, cityKey, demoCity, indexCity, leaderBoards, type UnitSpec } from './city.ts';
import { demoLogins, demoPassword, demoStaff, type Role } from './people.ts';
import { createRng } from './random.ts';
import { categoryOwners, defaultTaxonomy, isTaxonomyPath, subcategoryOwners } from './taxonomy.ts';
import { appealTemplates } from './templates/index.ts';

const city = demoCity();
const index = indexCity(city);
const units = [...index.values()].map((i) => i.unit);
const now = new Date('2026-03-15T04:00:00Z');
const appeals = generateAppeals(20260315, 3000, now, city);

describe('random', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 100; i++) assert.equal(a.next(), b.next());
    const r = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      assert.ok(n >= 3 && n <= 5);
      const z = r.zipfIndex(10, 1);
      assert.ok(z >= 0 && z < 10);
    }
    assert.equal(r.weighted(['a', 'b'], [0, 1]), 'b');
  });

  it('zipfIndex favours low ranks', () => {
    const r = createRng(3);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 5000; i++) counts[r.zipfIndex(5, 1)]++;
    assert.ok(counts[0] > counts[1] && counts[1] > counts[4]);
  });
});

describe('city', () => {
  it('has unique ASCII keys', () => {
    const keys = units.map((u) => u.key);
    assert.equal(new Set(keys).size, keys.length);
    for (const k of keys) assert.match(k, /^[a-z0-9-]+$/);
  });

  it('has 13 counties with 4–8 townships of 3–6 villages each', () => {
    const counties = city.children!.filter((u) => u.kind === 'region');
    assert.equal(counties.length, 13);
    for (const county of counties) {
      assert.equal(county.level, 2);
      const townships = county.children!.filter((u) => u.kind === 'region');
      assert.ok(townships.length >= 4 && townships.length <= 8, county.name);
      for (const t of townships) {
        assert.equal(t.level, 3);
        assert.match(t.name, /(街道|镇|乡)$/);
        assert.ok(t.children!.length >= 3 && t.children!.length <= 6, t.name);
        for (const v of t.children!) {
          assert.equal(v.level, 4);
          assert.match(v.name, /(村|社区)$/);
        }
      }
      assert.ok(county.children!.some((u) => u.kind === 'mediation'));
      assert.ok(county.children!.filter((u) => u.kind === 'department').length >= 6);
    }
    assert.ok(units.length >= 400, `only ${units.length} units`);
  });

  it('has the centre, a city mediation centre and the city departments', () => {
    assert.equal(city.key, cityKey);
    assert.equal(index.get(centreKey)?.unit.kind, 'centre');
    assert.equal(index.get('mediation')?.unit.kind, 'mediation');
    const depts = city.children!.filter((u) => u.kind === 'department');
    assert.ok(depts.length >= 16);
    assert.ok(depts.every((d) => d.level === 1 && d.key.startsWith('dept-')));
  });

  it('is deterministic', () => {
    assert.deepEqual(demoCity(), city);
  });

  it('has leader boards for the city and every county', () => {
    const boards = leaderBoards(city);
    assert.equal(boards.length, 2 + 13 * 2);
    for (const b of boards) assert.ok(index.has(b.unitKey));
  });
});

describe('taxonomy', () => {
  it('is a three-level list of the expected size without duplicates', () => {
    const keys = defaultTaxonomy.map((p) => p.join('/'));
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(new Set(defaultTaxonomy.map((p) => p[0])).size, 14);
    const l2 = new Set(defaultTaxonomy.map((p) => `${p[0]}/${p[1]}`)).size;
    assert.ok(l2 >= 70 && l2 <= 95, `${l2} level-2`);
    assert.ok(defaultTaxonomy.length >= 230 && defaultTaxonomy.length <= 290);
  });

  it('names an owner department that exists for every branch', () => {
    for (const l1 of new Set(defaultTaxonomy.map((p) => p[0]))) {
      assert.ok(categoryOwners[l1]?.length, l1);
    }
    const l2s = new Set(defaultTaxonomy.map((p) => `${p[0]}/${p[1]}`));
    for (const key of Object.keys(subcategoryOwners)) assert.ok(l2s.has(key), key);
    for (const suffix of [...Object.values(categoryOwners), ...Object.values(subcategoryOwners)].flat()) {
      assert.ok(index.has(`dept-${suffix}`), suffix);
    }
  });
});

describe('people', () => {
  const staff = demoStaff(city);

  it('has unique usernames in existing units', () => {
    assert.equal(new Set(staff.map((s) => s.username)).size, staff.length);
    for (const s of staff) {
      assert.ok(index.has(s.unitKey), `${s.username} → ${s.unitKey}`);
      assert.match(s.displayName, /^[\u4e00-\u9fff]{2,3}$/);
    }
  });

  it('covers every role and the documented logins', () => {
    const roles = new Set<Role>(staff.flatMap((s) => s.roles));
    for (const r of ['operator', 'dispatcher', 'handler', 'head', 'reviewer', 'supervisor', 'leader', 'admin'] as const) {
      assert.ok(roles.has(r), r);
    }
    const names = new Set(staff.map((s) => s.username));
    for (const login of demoLogins) assert.ok(names.has(login.username));
    for (const u of ['admin', 'operator1', 'operator2', 'dispatcher1', 'reviewer1', 'supervisor1', 'leader1', 'zjj.handler', 'zjj.head', 'c01.handler', 'c01-t01.head', 'c01-t01-v01.handler']) {
      assert.ok(names.has(u), u);
    }
    assert.equal(demoPassword, 'minsheng2026');
  });

  it('staffs every department, mediation centre, county and township', () => {
    const byUser = new Map(staff.map((s) => [s.username, s]));
    for (const u of units) {
      const staffed = u.kind === 'department' || u.kind === 'mediation' || (u.kind === 'region' && (u.level === 2 || u.level === 3));
      if (!staffed) continue;
      assert.deepEqual(byUser.get(`${u.key}.handler`)?.roles, ['handler'], u.key);
      assert.deepEqual(byUser.get(`${u.key}.head`)?.roles, ['head'], u.key);
    }
  });

  it('is deterministic', () => {
    assert.deepEqual(demoStaff(city), staff);
  });
});

describe('appeals', () => {
  it('uses real categories and regions', () => {
    for (const t of appealTemplates) assert.ok(isTaxonomyPath(t.category), t.id);
    assert.equal(new Set(appealTemplates.map((t) => t.id)).size, appealTemplates.length);
    for (const a of appeals) {
      assert.ok(isTaxonomyPath(a.category), a.category.join('/'));
      const region = index.get(a.regionKey)?.unit;
      assert.ok(region && region.kind === 'region' && (region.level === 3 || region.level === 4), a.regionKey);
      assert.ok(a.address.startsWith('安澜市'));
    }
  });

  it('has texts within bounds and no unfilled slots', () => {
    for (const a of appeals) {
      assert.ok(a.title.length >= 8 && a.title.length <= 30, a.title);
      assert.ok(a.content.length >= 40 && a.content.length <= 400, a.content);
      for (const text of [a.title, a.content, a.address, a.subject ?? '']) assert.doesNotMatch(text, /[{}]|undefined|NaN/);
      assert.match(a.citizenPhone, /^1[358]\d{9}$/);
    }
  });

  it('receives every appeal within the year before now, in order', () => {
    const start = now.getTime() - appealWindowDays * 86_400_000;
    let previous = 0;
    for (const a of appeals) {
      const t = a.receivedAt.getTime();
      assert.ok(t >= start && t < now.getTime(), a.receivedAt.toISOString());
      assert.ok(t >= previous);
      previous = t;
    }
  });

  it('addresses board posts, and only them, to an existing leader board', () => {
    const boards = new Set(leaderBoards(city).map((b) => b.key));
    for (const a of appeals) {
      if (a.channel === 'board') assert.ok(a.leaderKey && boards.has(a.leaderKey), a.leaderKey);
      else assert.equal(a.leaderKey, undefined);
    }
    assert.ok(appeals.some((a) => a.channel === 'board'));
  });

  it('is deterministic', () => {
    assert.deepEqual(generateAppeals(20260315, 3000, now, city), appeals);
    assert.notDeepEqual(generateAppeals(1, 50, now, city), appeals.slice(0, 50));
  });

  it('follows the seasons: heating complaints in winter', () => {
    const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCMonth() + 1;
    const heating = appeals.filter((a) => a.category[2] === '暖气不热').map((a) => monthOf(a.receivedAt));
    const winter = heating.filter((m) => [11, 12, 1, 2, 3].includes(m)).length;
    assert.ok(winter > heating.length * 0.9, `${winter}/${heating.length}`);
  });

  it('suggests an existing lead unit for every appeal', () => {
    for (const a of appeals) {
      const key = suggestedLeadUnitKey(a, city);
      const unit: UnitSpec | undefined = index.get(key)?.unit;
      assert.ok(unit && (unit.kind === 'department' || unit.kind === 'region'), key);
    }
    assert.equal(suggestedLeadUnitKey({ category: ['城乡建设', '物业管理', '物业费收取'], regionKey: 'c01-t01-v01' }, city), 'c01-dept-zjj');
    assert.equal(suggestedLeadUnitKey({ category: ['环境保护', '水污染', '河道污染'], regionKey: 'c01-t01' }, city), 'dept-sthjj');
    assert.equal(suggestedLeadUnitKey({ category: ['民政社区', '社区管理', '邻里纠纷'], regionKey: 'c01-t01-v01' }, city), 'c01-t01');
  });
});
