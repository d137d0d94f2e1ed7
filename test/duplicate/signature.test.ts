import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateText } from '../../src/domain/similarity.ts';
import { periodOf, signatureBands, textBands, textBandsBetween } from '../../src/modules/duplicate/duplicate.signature.ts';

/** The text signature (MinHash bands with the 30-day period) the text source of candidates looks up. */
describe('text signature for the repeat check', () => {
  const at = new Date('2026-11-20T02:00:00Z');
  const text = duplicateText('滨河路工地夜间施工噪音扰民', '乙一街道滨河路工地每天晚上十一点以后还在施工，打桩声音很大，周边居民无法休息，请有关部门尽快处理。');
  const shared = (a: number[] | null, b: number[] | null) => (a && b ? a.filter((x) => b.includes(x)).length : 0);

  it('gives the same text the same bands: int4 values, one per band; nothing for a text under two characters', () => {
    const bands = textBands(text, at)!;
    assert.equal(bands.length, signatureBands);
    assert.deepEqual(textBands(text, at), bands);
    for (const b of bands) assert.ok(Number.isInteger(b) && b >= -(2 ** 31) && b < 2 ** 31);
    assert.equal(textBands('路', at), null);
    assert.equal(textBandsBetween('', at, at), null);
  });

  it('makes a lightly edited copy share bands, an unrelated appeal none', () => {
    const copy = duplicateText('滨河路工地夜间施工噪音扰民！', '乙一街道滨河路工地每天晚上十一点以后还在施工，打桩声音很大，周边居民都无法休息，请有关部门尽快处理。');
    const other = duplicateText('社保卡补办', '社保卡丢了，请问在哪里补办，需要带什么材料？');
    assert.ok(shared(textBands(text, at), textBands(copy, at)) >= 4, 'a copy shares several bands');
    assert.equal(shared(textBands(text, at), textBands(other, at)), 0);
  });

  it('keys the bands by 30-day period: a query covers every period its window touches, and no other', () => {
    const later = new Date(at.getTime() + 45 * 86_400_000);
    assert.notEqual(periodOf(at), periodOf(later));
    assert.equal(shared(textBands(text, at), textBands(text, later)), 0, 'the same text in another period does not collide');
    const window = textBandsBetween(text, new Date(later.getTime() - 60 * 86_400_000), later)!;
    assert.equal(window.length, signatureBands * (periodOf(later) - periodOf(new Date(later.getTime() - 60 * 86_400_000)) + 1));
    assert.equal(shared(window, textBands(text, at)), signatureBands, 'an earlier period inside the window is looked up');
    const outside = textBandsBetween(text, new Date(at.getTime() + 100 * 86_400_000), new Date(at.getTime() + 130 * 86_400_000));
    assert.equal(shared(outside, textBands(text, at)), 0);
  });
});
