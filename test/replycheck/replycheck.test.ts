import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReply, countNearDuplicates, replyFingerprint, type ReplyIssue } from '../../src/domain/replycheck.ts';

/** Reply checks on written examples (made up), one or more per reason. */
const appeal = {
  appealTitle: '幸福家园小区旁搅拌站夜间噪音扰民',
  appealContent: '临澜县幸福家园小区北侧的混凝土搅拌站每天晚上都在生产作业，噪音和粉尘很大，居民无法休息，请环保部门查处。',
};
const good = '您好！您反映幸福家园小区旁搅拌站夜间噪音扰民的问题已收悉。经县生态环境局11月12日现场核查，该搅拌站夜间生产未办理夜间施工许可，'
  + '已责令其即日起22时至次日6时停止生产，并对粉尘污染处以罚款。县执法大队将每晚巡查至12月31日。如仍有夜间作业，请拨打监督电话0359-1234567。';
const codes = (r: { reasons: { code: ReplyIssue }[] }) => r.reasons.map((x) => x.code);

describe('reply checks (pure)', () => {
  it('a concrete, on-topic reply with action, time and contact passes with 100', () => {
    const r = checkReply({ ...appeal, reply: good, citizenName: '陈建国', citizenPhone: '13800138000' });
    assert.deepEqual(codes(r), []);
    assert.equal(r.score, 100);
    assert.ok(r.facts.topicOverlap >= 0.5, String(r.facts.topicOverlap));
  });

  it('off_topic: a reply about something else', () => {
    const r = checkReply({ ...appeal, reply: '您好！关于公积金提取的问题，经核实，租房提取住房公积金需提供租赁合同和身份证，可于工作日到市公积金中心窗口办理，咨询电话0359-7654321。' });
    assert.ok(codes(r).includes('off_topic'), JSON.stringify(r));
    assert.ok(r.facts.topicOverlap < 0.15);
  });

  it('no_action, no_time and no_contact: words without a deed, a date or a number', () => {
    const r = checkReply({ ...appeal, reply: '您好！您反映的幸福家园小区搅拌站噪音和粉尘扰民问题，我们了解了，搅拌站的噪音对居民休息影响确实很大，环保问题关系到每位居民的生活质量。' });
    assert.deepEqual(codes(r), ['no_action', 'no_time', 'no_contact']);
    assert.equal(r.score, 100 - 20 - 10 - 5);
  });

  it('boilerplate: template phrases and little else', () => {
    const r = checkReply({ ...appeal, reply: '网友您好！您的留言已收悉。我们高度重视，已转相关部门办理，现将有关情况回复如下：搅拌站噪音问题将进一步加大力度。感谢您对我们工作的关心监督与支持！特此回复。2026年11月12日' });
    assert.ok(codes(r).includes('boilerplate'), JSON.stringify(r));
  });

  it('boilerplate: nearly the same text as many other stored replies', () => {
    const stored = [good, good.replace('11月12日', '11月13日'), good.replace('12月31日', '12月30日'), '完全不同的另一条答复内容，与本案无关，仅作对照使用。'].map(replyFingerprint);
    assert.equal(countNearDuplicates(good, stored), 3);
    const r = checkReply({ ...appeal, reply: good, nearDuplicates: countNearDuplicates(good, stored) });
    assert.deepEqual(codes(r), ['boilerplate']);
    assert.equal(countNearDuplicates('短', stored), 0, 'a tiny reply is not compared');
  });

  it('personal_data: a mobile, an ID number, a private e-mail, the citizen’s phone or name', () => {
    const leaks = [
      `${good}经办人手机13912345678。`,
      `${good}申请人身份证号110101199003071234。`,
      `${good}材料请发至zhangsan@qq.com。`,
      `${good}陈建国先生，请知悉。`,
      `${good}已电话联系来电人（0359-2223334）。`,
    ];
    for (const reply of leaks) {
      const r = checkReply({ ...appeal, reply, citizenName: '陈建国', citizenPhone: '0359 2223334' });
      assert.deepEqual(codes(r), ['personal_data'], reply);
      assert.equal(r.score, 60);
    }
    const official = checkReply({ ...appeal, reply: `${good}也可发邮件至hbj@linlan.gov.cn。`, citizenName: '陈建国' });
    assert.deepEqual(codes(official), [], 'an office’s e-mail and landline are contacts, not personal data');
  });

  it('too_short, with the rest of what such a reply lacks; the score never goes below 0', () => {
    const r = checkReply({ ...appeal, reply: '已收悉。' });
    assert.deepEqual(codes(r), ['too_short', 'off_topic', 'no_action', 'no_time', 'no_contact', 'boilerplate']);
    assert.equal(r.score, 0);
    const leaky = checkReply({ ...appeal, reply: '电话13912345678', citizenName: '陈建国' });
    assert.ok(codes(leaky).includes('personal_data') && leaky.score === 0);
  });

  it('every reason carries Chinese and English text and its weight', () => {
    const r = checkReply({ ...appeal, reply: '' });
    assert.ok(r.reasons.length >= 5);
    for (const x of r.reasons) assert.ok(x.zh && x.en && x.weight > 0, JSON.stringify(x));
  });
});
