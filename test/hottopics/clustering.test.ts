import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterAppeals, featuresOf, isSurging, placeWords, regionsCompatible } from '../../src/domain/hottopics.ts';
import { normalizeText } from '../../src/domain/text/normalize.ts';
import { background, mixingPlant, mixingPlantElsewhere, mixingPlantLater, policy, streetLight } from './fixture.ts';

const ids = (c: { caseIds: number[] }) => [...c.caseIds].sort((a, b) => a - b);

describe('hot-topic clustering (pure)', () => {
  const all = [...background, ...mixingPlant, ...mixingPlantElsewhere, ...streetLight, ...policy];

  it('finds place words by their suffix, cutting what comes before them', () => {
    const words = placeWords(normalizeText('座落在A市A3区联丰路米兰春天，反映A7县春华镇金鼎村的问题'));
    for (const w of ['联丰路', '春华镇', '金鼎村']) assert.ok(words.includes(w), `${w} in ${words.join(',')}`);
    assert.ok(!words.some((w) => w.includes('座落') || w.startsWith('a')), words.join(','));
    assert.deepEqual(placeWords(normalizeText('小区附近的马路上')), [], 'generic places are not places');
    assert.ok(featuresOf(mixingPlant[3]).places.includes('幸福家园'), 'traditional characters give the same place');
  });

  it('clusters the same problem at the same place, across wording and script', () => {
    const clusters = clusterAppeals(all);
    const plant = clusters.find((c) => c.caseIds.includes(1));
    assert.ok(plant, JSON.stringify(clusters));
    assert.deepEqual(ids(plant), [1, 2, 3, 4]);
    assert.equal(plant.place, '幸福家园');
    assert.ok(plant.terms.includes('搅拌站'), plant.terms.join(','));
    assert.equal(plant.representativeIds.length, 3);
    assert.deepEqual(plant.firstAt, mixingPlant[0].receivedAt);
  });

  it('does not cluster the same problem at another place', () => {
    const clusters = clusterAppeals(all);
    assert.ok(!clusters.some((c) => c.caseIds.includes(11)), 'the mixing plant at 锦绣花园 stays alone');
  });

  it('does not cluster another problem at the same place, which forms its own topic', () => {
    const clusters = clusterAppeals(all);
    const light = clusters.find((c) => c.caseIds.includes(21));
    assert.ok(light);
    assert.deepEqual(ids(light), [21, 22]);
    assert.ok(!clusters.some((c) => c.caseIds.includes(31)), 'a lone question is no topic');
    assert.equal(clusters.length, 2, 'nothing in the background forms a topic');
  });

  it('closes a topic after the window: the same problem months later is a new topic', () => {
    const clusters = clusterAppeals([...background, ...mixingPlant, ...mixingPlantLater], { windowDays: 14 });
    assert.deepEqual(clusters.map(ids), [[1, 2, 3, 4], [41, 42]]);
    const wide = clusterAppeals([...background, ...mixingPlant, ...mixingPlantLater], { windowDays: 120 });
    assert.deepEqual(wide.map(ids), [[1, 2, 3, 4, 41, 42]]);
  });

  it('keeps different regions apart even with the same place name', () => {
    const a = mixingPlant.map((x) => ({ ...x, regionPath: '/1/4/5/' }));
    const b = mixingPlant.map((x) => ({ ...x, id: x.id + 100, regionPath: '/1/7/8/' }));
    const clusters = clusterAppeals([...background, ...a, ...b]);
    assert.deepEqual(clusters.map(ids).sort((x, y) => x[0] - y[0]), [[1, 2, 3, 4], [101, 102, 103, 104]]);
    assert.ok(regionsCompatible('/1/4/', '/1/4/5/') && regionsCompatible(null, '/1/') && !regionsCompatible('/1/4/', '/1/7/'));
  });

  it('gives the same clusters whatever order the appeals come in, and nothing for nothing', () => {
    const reversed = clusterAppeals([...all].reverse());
    assert.deepEqual(reversed.map(ids), clusterAppeals(all).map(ids));
    assert.deepEqual(clusterAppeals([]), []);
    assert.deepEqual(clusterAppeals([{ id: 1, title: '', content: '', receivedAt: new Date() }, { id: 2, title: '', content: '', receivedAt: new Date() }]), []);
  });

  it('calls a topic surging with enough new appeals well above its earlier rate', () => {
    const o = { minNew: 5, factor: 3, cooldownHours: 24 };
    assert.equal(isSurging(5, 0, 0, o), true, 'new topic: five in a day against one a day');
    assert.equal(isSurging(4, 0, 0, o), false, 'below the minimum');
    assert.equal(isSurging(6, 20, 7, o), false, '6 is not 3 × 2.9 a day');
    assert.equal(isSurging(9, 20, 7, o), true);
  });
});
