import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOMAIN_WORDS, userDictionary } from './dictionary.ts';
import { NUMBER_TOKEN, PHONE_TOKEN } from './normalize.ts';
import { segment } from './tokenize.ts';

describe('segment (jieba with the domain dictionary)', () => {
  test('domain words stay one token', () => {
    const words = segment('拨打12345热线反映网约车司机绕路，还有物业费、供暖费和业委会选举的问题，公积金医保社保卡怎么办，棚改拆迁补偿');
    for (const w of ['12345热线', '网约车', '物业费', '业委会', '公积金', '医保', '社保卡', '棚改', '拆迁']) {
      assert.ok(words.includes(w), `${w} should be one token in ${words.join('/')}`);
    }
    assert.ok(!words.includes('网') && !words.includes('约'), '网约车 is not cut into 网/约/车');
  });

  test('traditional and simplified text give the same tokens (運城 → 运城)', () => {
    assert.deepEqual(segment('運城市網約車糾紛'), segment('运城市网约车纠纷'));
    assert.ok(segment('運城的業委會').includes('业委会'));
    assert.ok(segment('運城').join('').includes('运城'));
  });

  test('full-width text gives the same tokens as half-width', () => {
    assert.deepEqual(segment('ＡＢＣ小区１２３４５热线'), segment('abc小区12345热线'));
  });

  test('punctuation and spaces are dropped; numbers and phones become tokens', () => {
    const words = segment('你好！！ 电话：13800138000，2019年……');
    assert.ok(words.every((w) => /[\p{L}\p{N}]/u.test(w)), words.join('/'));
    assert.ok(words.includes(PHONE_TOKEN));
    assert.ok(words.includes(NUMBER_TOKEN));
  });

  test('empty and huge input', () => {
    assert.deepEqual(segment(''), []);
    assert.deepEqual(segment('，。！ '), []);
    const huge = '小区物业费上涨，业主不满。'.repeat(8_000); // ~100,000 characters
    const words = segment(huge);
    assert.equal(words.filter((w) => w === '物业费').length, 8_000);
  });

  test('the user dictionary is jieba\'s "word freq tag" format', () => {
    const lines = userDictionary(['网约车', '棚改'], 100).toString('utf8').trim().split('\n');
    assert.deepEqual(lines, ['网约车 100 n', '棚改 100 n']);
    assert.ok(DOMAIN_WORDS.includes('12345热线'));
    assert.equal(new Set(DOMAIN_WORDS).size, DOMAIN_WORDS.length, 'no duplicates');
  });
});
