import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ID_NUMBER_TOKEN, maskNumbers, normalizeText, NUMBER_TOKEN, PHONE_TOKEN, toHalfWidth } from './normalize.ts';

describe('normalizeText', () => {
  test('full-width letters, digits and punctuation become half-width', () => {
    assert.equal(toHalfWidth('ＡＢＣ１２３，（ｘ）　好'), 'ABC123,(x) 好');
    assert.equal(normalizeText('ＡＢＣ＿ｄｅｆ', { maskNumbers: false }), 'abc_def');
  });

  test('traditional characters become simplified: 運城 is 运城', () => {
    assert.equal(normalizeText('運城'), '运城');
    assert.equal(normalizeText('網約車司機繞路，發票開錯了'), '网约车司机绕路,发票开错了');
    assert.equal(normalizeText('运城网约车'), '运城网约车', 'simplified text stays as it is');
  });

  test('phone numbers become one token, other numbers another; service numbers and codes stay', () => {
    assert.equal(maskNumbers('电话13800138000'), `电话${PHONE_TOKEN}`);
    assert.equal(maskNumbers('座机0731-84512345或138 0013 8000'), `座机${PHONE_TOKEN}或${PHONE_TOKEN}`);
    assert.equal(maskNumbers('2019年交了3.5万元'), `${NUMBER_TOKEN}年交了${NUMBER_TOKEN}万元`);
    assert.equal(maskNumbers('身份证430102199001011234和43010219900101123x'), `身份证${ID_NUMBER_TOKEN}和${ID_NUMBER_TOKEN}`);
    assert.equal(maskNumbers('打12345热线和110'), '打12345热线和110');
    assert.equal(maskNumbers('a3区5km'), 'a3区5km', 'numbers glued to Latin letters are codes, not amounts');
    assert.equal(normalizeText('打１２３４５反映，電話：１３９００１３９０００'), `打12345反映,电话:${PHONE_TOKEN}`);
  });

  test('masking can be turned off; white space collapses; empty stays empty', () => {
    assert.equal(normalizeText(' 2019年  5月 ', { maskNumbers: false }), '2019年 5月');
    assert.equal(normalizeText(''), '');
  });
});
