import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import { checkAppeal, checkListedWord, compileLists, findWords, normalizeForWords, recheckCorrected } from '../../src/modules/wordlist/wordlist.rules.ts';

/** The intake word rules, without a database. */
describe('intake word rules', () => {
  const lists = compileLists([
    { list: 'urgent', word: '燃气泄漏', level: 'critical' },
    { list: 'urgent', word: '被困电梯', level: 'urgent' },
    { list: 'sensitive', word: '媒体曝光', level: null },
    { list: 'sensitive', word: '  ', level: null },
  ]);

  it('matches traditional, full-width and spaced-out text as simplified', () => {
    assert.equal(normalizeForWords('燃氣洩漏！ ＡＢＣ 1 2'), '燃气泄漏abc12');
    assert.deepEqual(findWords(lists, ['家裡燃氣洩漏了']).urgent.map((w) => w.word), ['燃气泄漏']);
    assert.deepEqual(findWords(lists, ['燃 气，泄 漏']).urgent.map((w) => w.word), ['燃气泄漏']);
    assert.deepEqual(findWords(lists, ['要找媒體曝光']).sensitive.map((w) => w.word), ['媒体曝光']);
    assert.deepEqual(findWords(lists, ['燃气费太贵', null, '']), { urgent: [], sensitive: [] });
  });

  it('ignores words that normalise to nothing', () => {
    assert.equal(lists.words.length, 3);
  });

  it('raises urgency to the highest level found, never lowers it, and flags sensitive words', () => {
    assert.deepEqual(checkAppeal(lists, { title: '电梯', content: '有人被困电梯', urgency: 'normal' }),
      { urgency: 'urgent', reviewFlagged: false, hits: { urgent: ['被困电梯'], sensitive: [], raisedFrom: 'normal' } });
    assert.equal(checkAppeal(lists, { title: '燃气泄漏', content: '还有人被困电梯', urgency: 'urgent' }).urgency, 'critical');
    const already = checkAppeal(lists, { title: '被困电梯', content: '', urgency: 'critical' });
    assert.equal(already.urgency, 'critical');
    assert.equal(already.hits!.raisedFrom, undefined);
    assert.deepEqual(checkAppeal(lists, { title: '再不处理就媒体曝光', content: '', urgency: 'normal' }),
      { urgency: 'normal', reviewFlagged: true, hits: { urgent: [], sensitive: ['媒体曝光'] } });
    assert.deepEqual(checkAppeal(lists, { title: '路灯不亮', content: '晚上很黑', urgency: 'normal' }), { urgency: 'normal', reviewFlagged: false, hits: null });
  });

  it('checks a listed word: not empty, urgent words with a level, sensitive ones without', () => {
    assert.deepEqual(checkListedWord({ list: 'urgent', word: ' 煤氣洩漏 ', level: 'critical' }), { list: 'urgent', word: '煤氣洩漏', normalized: '煤气泄漏', level: 'critical' });
    const refused = (input: Parameters<typeof checkListedWord>[0]) => assert.throws(() => checkListedWord(input), (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT');
    refused({ list: 'urgent', word: '煤气泄漏' });
    refused({ list: 'sensitive', word: '上访', level: 'urgent' });
    refused({ list: 'sensitive', word: '！！ ，' });
    refused({ list: 'sensitive', word: '长'.repeat(31) });
  });

  describe('a text corrected at registration', () => {
    const text = (title: string, content: string, urgency: 'normal' | 'urgent' | 'critical' = 'normal', urgencyGiven = false) => ({ title, content, urgency, urgencyGiven });
    const clean = { reviewFlagged: false, hits: null };

    it('changes nothing when the corrected text has no listed word', () => {
      assert.equal(recheckCorrected(lists, text('路灯', '人民路路灯不亮'), clean), null);
    });

    it('flags a sensitive word the correction brought in, and raises urgency when the registrar did not set it', () => {
      assert.deepEqual(recheckCorrected(lists, text('电梯', '有人被困电梯，要找媒體曝光'), clean),
        { urgency: 'urgent', reviewFlagged: true, hits: { urgent: ['被困电梯'], sensitive: ['媒体曝光'], raisedFrom: 'normal' } });
    });

    it('keeps the urgency the registrar set in the same step', () => {
      assert.deepEqual(recheckCorrected(lists, text('燃气', '燃气泄漏已处理完，想问费用', 'normal', true), clean),
        { urgency: 'normal', reviewFlagged: false, hits: { urgent: ['燃气泄漏'], sensitive: [] } });
    });

    it('does not flag again for words a reviewer already cleared, but does for a new one', () => {
      const reviewed = { reviewFlagged: false, hits: { urgent: [], sensitive: ['媒体曝光'], cleared: { byName: 'rev' } } };
      assert.equal(recheckCorrected(lists, text('欠薪', '再不解决就找媒体曝光'), reviewed), null);
      const withNew = compileLists([...lists.words, { list: 'sensitive', word: '拉横幅', level: null }]);
      assert.deepEqual(recheckCorrected(withNew, text('欠薪', '找媒体曝光，还要拉横幅'), reviewed),
        { urgency: 'normal', reviewFlagged: true, hits: { urgent: [], sensitive: ['媒体曝光', '拉横幅'], cleared: { byName: 'rev' } } });
    });

    it('keeps a flag that is still waiting for review', () => {
      const waiting = { reviewFlagged: true, hits: { urgent: [], sensitive: ['媒体曝光'] } };
      assert.equal(recheckCorrected(lists, text('欠薪', '已经改好了的文字'), waiting), null);
    });
  });
});
