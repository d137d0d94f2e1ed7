import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DiceScorer, addressesOverlap, bigrams, dice, distanceMeters, duplicateText, judgeDuplicate, normalizeText, similarTextThreshold, textSimilarity,
} from '../../src/domain/similarity.ts';

/** The pure similarity of the repeat check (并单): examples, no database. */
describe('text similarity', () => {
  const noise = '甲一村东侧工地每晚十一点后仍在施工，噪音很大，严重影响周边居民休息，希望有关部门尽快处理。';

  it('gives 1 for the same text', () => {
    assert.equal(textSimilarity(noise, noise), 1);
  });

  it('treats traditional and simplified characters, punctuation and full-width forms as equal', () => {
    const traditional = '甲一村東側工地每晚十一點後仍在施工，噪音很大，嚴重影響周邊居民休息，希望有關部門儘快處理。';
    assert.equal(normalizeText(traditional), normalizeText(noise));
    assert.equal(textSimilarity(traditional, noise), 1);
    assert.equal(normalizeText('ＡＢＣ１２３，Hello World！'), 'abc123helloworld');
    assert.equal(textSimilarity('噪音扰民!!! 请处理', '噪音扰民，请处理。'), 1);
  });

  it('scores unrelated appeals low and near-repeats high', () => {
    const unrelated = '咨询办理居住证需要准备哪些材料，社区服务中心周末是否上班，网上能否预约。';
    assert.ok(textSimilarity(noise, unrelated) < 0.1, `unrelated: ${textSimilarity(noise, unrelated)}`);
    const retold = '甲一村东边的工地天天晚上十一点以后还在施工，噪音太大了，附近居民都没法休息，请有关部门处理。';
    const s = textSimilarity(noise, retold);
    assert.ok(s >= similarTextThreshold && s < 1, `retold: ${s}`);
  });

  it('is a Dice coefficient over character bigram sets', () => {
    assert.deepEqual([...bigrams('噪音扰民')].length, 3);
    assert.equal(dice(bigrams('abcd'), bigrams('abxy')), (2 * 1) / (3 + 3));
    assert.equal(dice(bigrams(''), bigrams('abc')), 0);
    assert.equal(textSimilarity('路', '路'), 1, 'a one-character text is its own bigram');
  });

  it('scores many texts against one with the typed-array scorer exactly as with sets', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = (n: number) => Array.from({ length: n }, () => '噪音扰民工地施工晚上居民休息路灯小区物业ab12'[Math.floor(rand() * 26)]).join('');
    const mine = text(200);
    const scorer = new DiceScorer(mine);
    const others = Array.from({ length: 300 }, () => text(Math.floor(rand() * 320)));
    for (const other of others) assert.equal(scorer.score(other), dice(bigrams(mine), bigrams(other)), other);
    // Again, from the scorer's cache of texts seen, and from a new scorer of another text.
    for (const other of others) assert.equal(scorer.score(other), dice(bigrams(mine), bigrams(other)), other);
    const second = new DiceScorer(others[1]);
    for (const other of others) assert.equal(second.score(other), dice(bigrams(others[1]), bigrams(other)), other);
    assert.equal(new DiceScorer('').score('abc'), 0);
    assert.equal(new DiceScorer('路').score('路'), 1);
  });

  it('compares the normalised head of title and content', () => {
    const long = '长'.repeat(2000);
    assert.equal(duplicateText('标题', long).length, 300);
    assert.ok(duplicateText('小区噪音', '内容').startsWith('小区噪音'));
  });
});

describe('place signals', () => {
  it('overlaps addresses that contain each other or are nearly the same, not short vague ones', () => {
    assert.ok(addressesOverlap('甲一村东侧工地', '甲县甲一村东侧工地旁'));
    assert.ok(addressesOverlap('锦绣花园3栋2单元', '錦繡花園3棟2單元'));
    assert.ok(!addressesOverlap('锦绣花园3栋', '滨江新城5栋'));
    assert.ok(!addressesOverlap('家里', '家里'));
    assert.ok(!addressesOverlap(null, '锦绣花园'));
  });

  it('measures great-circle distance in metres', () => {
    const a = { lat: 31.2304, lng: 121.4737 };
    assert.ok(Math.abs(distanceMeters(a, { lat: 31.2304 + 0.001, lng: 121.4737 }) - 111) < 2);
    assert.equal(distanceMeters(a, a), 0);
  });
});

describe('the verdict', () => {
  const none = { text: 0.05, samePhone: false, sameRegion: false, addressOverlap: false, distanceMeters: null };

  it('offers the same caller whatever the text, with a modest score', () => {
    const v = judgeDuplicate({ ...none, samePhone: true });
    assert.ok(v.offered);
    assert.deepEqual(v.reasons, ['same_phone']);
    assert.equal(v.score, Math.round((1 - 0.95 * 0.6) * 1000) / 1000);
  });

  it('offers the same place only with similar text', () => {
    assert.ok(judgeDuplicate({ ...none, sameRegion: true, text: 0.5 }).offered);
    assert.ok(!judgeDuplicate({ ...none, sameRegion: true, text: 0.1 }).offered);
    assert.ok(judgeDuplicate({ ...none, distanceMeters: 150, text: 0.5 }).offered);
    assert.ok(!judgeDuplicate({ ...none, distanceMeters: 450, text: 0.5 }).offered);
    assert.ok(judgeDuplicate({ ...none, addressOverlap: true, text: 0.5 }).offered);
  });

  it('does not offer similar text from another caller at another place', () => {
    const v = judgeDuplicate({ ...none, text: 0.9 });
    assert.ok(!v.offered);
    assert.deepEqual(v.reasons, ['similar_text']);
  });

  it('combines the evidence as a noisy-OR: identical text is 1, each signal raises a match', () => {
    assert.equal(judgeDuplicate({ ...none, text: 1 }).score, 1);
    const place = judgeDuplicate({ ...none, sameRegion: true, text: 0.5 }).score;
    const both = judgeDuplicate({ ...none, sameRegion: true, samePhone: true, text: 0.5 }).score;
    assert.equal(place, 0.6);
    assert.equal(both, 0.76);
    assert.deepEqual(judgeDuplicate({ ...none, sameRegion: true, samePhone: true, distanceMeters: 10, text: 0.5 }).reasons,
      ['same_phone', 'same_region', 'nearby', 'similar_text']);
  });
});
