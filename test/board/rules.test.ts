import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseStates } from '../../src/domain/lifecycle.ts';
import { checkPostFields, findBannedWord } from '../../src/modules/board/board.rules.ts';
import { caseStatesIn, publicStateOf, publicStates } from '../../src/modules/board/board.vocabulary.ts';
import { dictionary, fmt, langs, pickLang } from '../../src/modules/board/i18n/index.ts';
import { milestonesOf } from '../../src/modules/board/lookup.ts';
import { html, paragraphs } from '../../src/modules/board/views/html.ts';

/** The board's pure rules: field checks, banned words, states, milestones, languages, escaping. */
describe('board rules', () => {
  const good = {
    type: 'complaint', domain: 'transport', title: '公交站台被占用', content: '公交站台长期被出租车占用。', name: '陈建国',
    phone: '+86 138-0013-8000', code: ' 123456 ', remark: '', region: '',
  };

  it('accepts a good post and cleans it', () => {
    const r = checkPostFields(good);
    assert.ok(r.ok);
    assert.equal(r.post.phone, '13800138000');
    assert.equal(r.post.code, '123456');
    assert.equal(r.post.remark, null);
    assert.equal(r.post.region, null);
  });

  it('counts characters, not bytes or UTF-16 units, at the 5/40 and 10/2000 limits', () => {
    assert.ok(checkPostFields({ ...good, title: '𠮷'.repeat(40) }).ok);
    assert.ok(checkPostFields({ ...good, title: '一二三四五' }).ok);
    assert.ok(!checkPostFields({ ...good, title: '一二三四' }).ok);
    assert.ok(checkPostFields({ ...good, content: '字'.repeat(2000) }).ok);
    assert.ok(!checkPostFields({ ...good, content: '字'.repeat(9) }).ok);
    assert.ok(!checkPostFields({ ...good, title: '     标题     ' }).ok, 'spaces do not count');
  });

  it('refuses the board’s unknown types, landlines and malformed codes', () => {
    const r = checkPostFields({ ...good, type: 'report', phone: '0359-1234567', code: '12ab56' });
    assert.ok(!r.ok);
    assert.deepEqual(r.refusals.map((x) => x.code), ['badChoice', 'badPhone', 'codeFormat']);
  });

  it('finds banned words through spaces, punctuation, width and case', () => {
    assert.equal(findBannedWord(['这里有违 禁-词'], ['违禁词']), '违禁词');
    assert.equal(findBannedWord(['ＳＰＡＭ here'], ['spam']), 'spam');
    assert.equal(findBannedWord(['清清白白'], ['违禁词', '']), undefined);
  });

  it('maps every case state to one public state, and back', () => {
    for (const s of caseStates) assert.ok(publicStates.includes(publicStateOf[s]), s);
    assert.deepEqual(caseStatesIn('handling'), ['handling', 'signoff', 'reviewing']);
    assert.deepEqual([...caseStatesIn('pending'), ...caseStatesIn('handling'), ...caseStatesIn('done')].sort(), [...caseStates].sort());
  });

  it('derives public milestones from the history, without the internal steps', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h));
    const history = [
      { action: 'create', toState: 'received', at: at(1) }, { action: 'register', toState: 'registered', at: at(2) },
      { action: 'dispatch', toState: 'dispatched', at: at(3) }, { action: 'return', toState: 'returned', at: at(4) },
      { action: 'redispatch', toState: 'dispatched', at: at(5) }, { action: 'approve', toState: 'callback', at: at(6) },
      { action: 'rehandle', toState: 'handling', at: at(7) }, { action: 'approve', toState: 'callback', at: at(8) },
      { action: 'recordCallback', toState: 'closed', at: at(9) }, { action: 'archive', toState: 'archived', at: at(10) },
    ];
    assert.deepEqual(milestonesOf(history), [
      { milestone: 'received', at: at(1) }, { milestone: 'dispatched', at: at(3) },
      { milestone: 'replied', at: at(8) }, { milestone: 'closed', at: at(9) },
    ]);
    assert.deepEqual(milestonesOf([{ action: 'create', toState: 'received', at: at(1) }, { action: 'reject', toState: 'rejected', at: at(2) }]).map((m) => m.milestone), ['received', 'rejected']);
    assert.deepEqual(milestonesOf([{ action: 'create', toState: 'received', at: at(1) }, { action: 'answer', toState: 'closed', at: at(2) }]).map((m) => m.milestone), ['received', 'closed']);
    // An entry that leaves a closed case closed (an assessment appeal) does not move the closing date.
    const appealed = milestonesOf([
      { action: 'create', fromState: null, toState: 'received', at: at(1) }, { action: 'answer', fromState: 'received', toState: 'closed', at: at(2) },
      { action: 'assessmentAppealFiled', fromState: 'closed', toState: 'closed', at: at(30) },
    ]);
    assert.deepEqual(appealed.at(-1), { milestone: 'closed', at: at(2) });
  });

  it('picks the language from ?lang=, then Accept-Language with its weights', () => {
    assert.deepEqual(pickLang('en', 'zh-CN'), { lang: 'en', explicit: true });
    assert.deepEqual(pickLang('fr', undefined), { lang: 'zh-Hans', explicit: false });
    assert.equal(pickLang(undefined, 'zh-HK').lang, 'zh-Hant');
    assert.equal(pickLang(undefined, 'zh-Hant-TW,zh;q=0.8').lang, 'zh-Hant');
    assert.equal(pickLang(undefined, 'zh-CN,zh;q=0.9,en;q=0.8').lang, 'zh-Hans');
    assert.equal(pickLang(undefined, 'de-DE,en;q=0.7,zh;q=0.3').lang, 'en');
    assert.equal(pickLang(undefined, 'en;q=0.2,zh-TW;q=0.9').lang, 'zh-Hant');
    assert.equal(pickLang(undefined, 'fr, *').lang, 'zh-Hans');
  });

  it('has every string in every language, zh-Hant derived from zh-Hans', () => {
    const keys = (o: object, prefix = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
    const base = keys(dictionary('zh-Hans')).sort();
    for (const l of langs) assert.deepEqual(keys(dictionary(l)).sort(), base, l);
    const hant = dictionary('zh-Hant');
    assert.equal(hant.states.pending, '待回覆');
    assert.equal(hant.nav.board, '領導留言板');
    assert.equal(hant.langName, '繁體中文');
    assert.equal(hant.write.code, '簡訊驗證碼', 'Taiwan words');
    assert.equal(hant.filter.type, '類型', 'not the software word 型別');
    assert.equal(fmt(dictionary('en').refusals.codeWrong, { left: 2 }), 'The SMS code is wrong; 2 tries left.');
  });

  it('escapes every value put into a page', () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    assert.equal(html`<p title="${evil}">${evil}</p>`.value,
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>');
    assert.equal(paragraphs('a & b\n\n<b>c</b>').value, '<p>a &amp; b</p><p>&lt;b&gt;c&lt;/b&gt;</p>');
  });
});
