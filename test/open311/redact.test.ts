import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactPersonalData } from '../../src/modules/open311/open311.redact.ts';

/** redactPersonalData: what a public Open311 GET may never show, without a database. */
describe('redactPersonalData', () => {
  const r = (text: string) => redactPersonalData(text);

  it('takes out mobile numbers however they are written', () => {
    for (const phone of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '8613812345678', '１３８１２３４５６７８']) {
      const out = r(`请联系我${phone}，谢谢`);
      assert.equal(out, `请联系我${REDACTED.phone}，谢谢`, phone);
    }
  });

  it('takes out landlines with an area code, extensions included', () => {
    assert.equal(r('电话0571-88886666'), `电话${REDACTED.phone}`);
    assert.equal(r('电话 (010) 12345678 找我'), `电话 ${REDACTED.phone} 找我`);
    assert.equal(r('座机021 5555 6666转123'), `座机${REDACTED.phone}`);
  });

  it('takes out resident ID numbers, 18 digits (X included) and 15 digits', () => {
    assert.equal(r('身份证110101199003077512'), `身份证${REDACTED.idNumber}`);
    assert.equal(r('身份证号11010119900307751X。'), `身份证号${REDACTED.idNumber}。`);
    assert.equal(r('老证 110101900307751 '), `老证 ${REDACTED.idNumber} `);
  });

  it('takes out e-mail addresses and other long numbers (bank cards, QQ)', () => {
    assert.equal(r('邮箱 zhang.wei+311@example.com.cn 联系'), `邮箱 ${REDACTED.email} 联系`);
    assert.equal(r('卡号6222020200112233445'), `卡号${REDACTED.number}`);
    assert.equal(r('QQ 12345678'), `QQ ${REDACTED.number}`);
  });

  it('keeps what is not personal: service numbers, dates, house numbers, case numbers, amounts', () => {
    const text = '打了12345和110，2026-05-12起3号楼502室漏水，工单AL2026-000123，损失1200元，第2期。';
    assert.equal(r(text), text);
  });

  it('takes out the submitter\'s own name, phone and e-mail when they are known', () => {
    const known = { names: ['张伟', '伟'], phones: ['139-0000-1111'], emails: ['ZW@Example.org'] };
    const out = redactPersonalData('我是张伟，电话13900001111，邮箱zw@example.org，张伟家门口的伟岸大树倒了', known);
    assert.equal(out, `我是${REDACTED.name}，电话${REDACTED.phone}，邮箱${REDACTED.email}，${REDACTED.name}家门口的伟岸大树倒了`);
  });

  it('replaces a Latin name only as a whole word', () => {
    const out = redactPersonalData('Li Na reported it; the public library is closed', { names: ['Li Na', 'Li', 'Na'] });
    assert.equal(out, `${REDACTED.name} reported it; the public library is closed`);
  });

  it('is idempotent', () => {
    const once = r('电话13812345678 邮箱a@b.cn 身份证110101199003077512');
    assert.equal(r(once), once);
  });
});
