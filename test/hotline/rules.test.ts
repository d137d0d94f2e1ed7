import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '../../src/domain/errors.ts';
import { answerRates, callbackDueAt, checkCallTimes, shanghaiPeriod } from '../../src/modules/hotline/hotline.rules.ts';
import { phoneKey, requirePhone } from '../../src/modules/hotline/phone.ts';
import { markWords, normalizeText, queryWords, snippetOf, tsqueryLiteral, tsvectorLiteral } from '../../src/modules/knowledge/knowledge.text.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

/** The desk's pure rules (phone keys, rate definitions, call consistency) and the knowledge text pipeline. */

const phones: Array<[string, string | null]> = [
  ['13800138000', '13800138000'],
  ['138 0013 8000', '13800138000'],
  ['138-0013-8000', '13800138000'],
  ['+86 138 0013 8000', '13800138000'],
  ['+86-13800138000', '13800138000'],
  ['008613800138000', '13800138000'],
  ['8613800138000', '13800138000'],
  ['0359-1234567', '03591234567'],
  ['(0359) 123 4567', '03591234567'],
  ['+86 359 1234567', '03591234567'],
  ['0086 359 1234567', '03591234567'],
  ['+86 0359 1234567', '03591234567'],
  ['12345', '12345'],
  ['95598', '95598'],
  ['+852 9123 4567', '85291234567'],
  ['---', null],
];

describe('phone keys', () => {
  it('bring every way of writing a number to one form', () => {
    for (const [input, key] of phones) assert.equal(phoneKey(input), key, input);
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['abc', '1380013800a', '123', '1'.repeat(21), '+86']) {
      assert.throws(() => requirePhone(bad), (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT', bad);
    }
    assert.equal(requirePhone(' +86 138-0013-8000 '), '13800138000');
  });

  describe('the SQL function behind the case index', () => {
    let tdb: TestDatabase;
    before(async () => { tdb = await freshDatabase(); });
    after(async () => { await tdb.drop(); });

    it('gives the same key as phoneKey for every sample', async () => {
      for (const [input] of phones) {
        const { rows } = await sql<{ key: string | null }>`SELECT ms_phone_key(${input}) AS key`.execute(tdb.db);
        assert.equal(rows[0].key, phoneKey(input), input);
      }
    });
  });
});

describe('answer-rate definitions', () => {
  it('divides answered and answered-within-15-s by every offered call, called-back ones included', () => {
    const rates = answerRates({ offered: 8, answered: 5, answeredWithin15s: 3, abandoned: 2, calledBack: 1 });
    assert.equal(rates.connectionRate, 5 / 8);
    assert.equal(rates.answeredWithin15sRate, 3 / 8);
  });

  it('has no rate when nothing was offered', () => {
    assert.deepEqual(answerRates({ offered: 0, answered: 0, answeredWithin15s: 0, abandoned: 0, calledBack: 0 }), {
      connectionRate: null, answeredWithin15sRate: null,
    });
  });

  it('reads a period as Shanghai civil dates, both ends inclusive', () => {
    const { start, end } = shanghaiPeriod('2025-03-02', '2025-03-03');
    assert.equal(start.toISOString(), '2025-03-01T16:00:00.000Z');
    assert.equal(end.toISOString(), '2025-03-03T16:00:00.000Z');
    assert.throws(() => shanghaiPeriod('2025-03-03', '2025-03-02'), /早于/);
    assert.throws(() => shanghaiPeriod('2025-02-30', '2025-03-02'));
  });
});

describe('call consistency', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const t0 = new Date('2025-12-31T10:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  const refused = (c: Parameters<typeof checkCallTimes>[0]) =>
    assert.throws(() => checkCallTimes(c, now), (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT');

  it('accepts consistent calls', () => {
    checkCallTimes({ outcome: 'answered', offeredAt: t0, answeredAt: at(10), endedAt: at(200) }, now);
    checkCallTimes({ outcome: 'abandoned', offeredAt: t0, answeredAt: null, endedAt: at(30) }, now);
    checkCallTimes({ outcome: 'called_back', offeredAt: t0, answeredAt: null, endedAt: null }, now);
  });

  it('refuses answered without an answer time, an answer time on a missed call, time running backwards, the future', () => {
    refused({ outcome: 'answered', offeredAt: t0, answeredAt: null, endedAt: at(10) });
    refused({ outcome: 'abandoned', offeredAt: t0, answeredAt: at(5), endedAt: at(10) });
    refused({ outcome: 'answered', offeredAt: t0, answeredAt: at(-1), endedAt: at(10) });
    refused({ outcome: 'answered', offeredAt: t0, answeredAt: at(10), endedAt: at(5) });
    refused({ outcome: 'abandoned', offeredAt: new Date('2026-01-02T00:00:00Z'), answeredAt: null, endedAt: null });
  });

  it('makes a call-back due two hours after the missed call ended', () => {
    assert.equal(callbackDueAt({ offeredAt: t0, endedAt: at(40) }).toISOString(), '2025-12-31T12:00:40.000Z');
    assert.equal(callbackDueAt({ offeredAt: t0, endedAt: null }).toISOString(), '2025-12-31T12:00:00.000Z');
  });
});

describe('knowledge text', () => {
  it('folds traditional characters, full-width forms and case', () => {
    assert.equal(normalizeText('社會保障卡ＡＢＣ'), '社会保障卡abc');
  });

  it('cuts a question into search words without stop words, simplified or traditional alike', () => {
    const simplified = queryWords('社会保障卡丢了怎么补办？');
    assert.deepEqual(queryWords('社會保障卡丟了怎麼補辦？'), simplified);
    for (const w of ['社会保障', '社会', '保障', '卡', '补办']) assert.ok(simplified.includes(w), `${w} in ${simplified.join(',')}`);
    for (const w of ['了', '怎么', '？']) assert.ok(!simplified.includes(w), `${w} is not a search word`);
  });

  it('writes weighted tsvector and tsquery literals, quoting what needs it', () => {
    const v = tsvectorLiteral([{ text: '社保卡补办', weight: 'A' }, { text: '带身份证补办', weight: 'B' }], ["O'Neil"]);
    assert.match(v, /'补办':\d+A,\d+B/);
    assert.match(v, /'oneil':\d+A/, 'a whole keyword is one word, punctuation dropped');
    assert.equal(tsqueryLiteral(['社保', "it's"]), "'社保' | 'it''s'");
    assert.equal(tsqueryLiteral([]), null);
  });

  it('marks the query words in the original text and cuts a passage around them', () => {
    const marked = markWords('社會保障卡補辦', queryWords('社会保障卡'));
    assert.equal(marked.text, '社會保障卡補辦');
    assert.deepEqual(marked.marks, [[0, 5]]);
    const long = `${'前言'.repeat(60)}请携带身份证到社保卡服务网点补办。${'后记'.repeat(60)}`;
    const s = snippetOf(long, queryWords('社保卡补办'));
    assert.ok(s.text.startsWith('…') && s.text.endsWith('…'), s.text);
    assert.ok(s.text.length <= 92);
    const markedWords = s.marks.map(([a, b]) => s.text.slice(a, b));
    assert.ok(markedWords.includes('社保卡'), markedWords.join(','));
    assert.ok(markedWords.includes('补办'), markedWords.join(','));
  });
});

describe('marking in text whose folded form has another length', () => {
  it('marks the words as written, keeping full-width punctuation and symbols', () => {
    const text = '室温低于18℃（卧室），暖气不热请报修。ＡＰＰ也可以。';
    const { text: shown, marks } = markWords(text, queryWords('暖气不热 app'));
    assert.equal(shown, text);
    assert.deepEqual(marks.map(([a, b]) => shown.slice(a, b)), ['暖气不热', 'ＡＰＰ']);
  });
});
