import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskName, redact, redactionMarks as M } from '../../src/modules/board/redact.ts';

/** `redact()` and `maskName()`: pure, no database. */
describe('redact', () => {
  it('hides mainland mobile numbers however they are written', () => {
    for (const phone of ['13800138000', '138 0013 8000', '138-0013-8000', '+8613800138000', '+86 138 0013 8000', '8613800138000', '008613800138000', '１３８００１３８０００']) {
      assert.equal(redact(`电话${phone}谢谢`), `电话${M.phone}谢谢`, phone);
    }
    assert.equal(redact('call 15912345678 or 18688886666.'), `call ${M.phone} or ${M.phone}.`);
  });

  it('hides landlines with an area code and an extension', () => {
    for (const phone of ['0359-1234567', '010-12345678', '(010)12345678', '（0359）1234567', '0359 1234567', '0359-1234567转801', '０３５９－１２３４５６７']) {
      assert.equal(redact(`拨打${phone}。`), `拨打${M.phone}。`, phone);
    }
  });

  it('hides 18-character ID numbers, with X or grouped', () => {
    for (const id of ['110101199003078515', '11010119900307851X', '11010119900307851x', '110101 19900307 851X']) {
      assert.equal(redact(`身份证${id}，`), `身份证${M.id}，`, id);
    }
  });

  it('hides e-mail addresses and other long digit runs', () => {
    assert.equal(redact('邮箱 chen.jianguo+board@mail.example.com.cn 联系'), `邮箱 ${M.email} 联系`);
    assert.equal(redact('银行卡6222021234567890123'), `银行卡${M.number}`);
    assert.equal(redact('旧身份证110101900307851'), `旧身份证${M.number}`);
  });

  it('leaves case numbers, dates, amounts, short numbers and prices alone', () => {
    const text = '工单号AL2026-000123，2026-11-27 14:05 到场，罚款12000元，拨打12345或110，房价8500元/平方米，门牌128号，邮编044000。';
    assert.equal(redact(text), text);
  });

  it('replaces known names by the masked name', () => {
    assert.equal(redact('我是陈建国，陈建国的家在村东。', { names: ['陈建国'] }), '我是陈**，陈**的家在村东。');
    assert.equal(redact('Signed: John Smith / john smith', { names: ['John Smith'] }), 'Signed: J** / J**');
    assert.equal(redact('王', { names: ['王', null, undefined, ''] }), '王', 'one-character and empty names are not searched');
  });

  it('masks a name as its first character and two stars, whatever its length', () => {
    assert.equal(maskName('陈建国'), '陈**');
    assert.equal(maskName('李四'), '李**');
    assert.equal(maskName('欧阳娜娜'), '欧**');
    assert.equal(maskName(' 𠮷野家 '), '𠮷**');
    assert.equal(maskName(''), '**');
  });
});
