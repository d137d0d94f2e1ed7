import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { documentWords, parseSearchQuery, searchDocument } from '../../src/modules/search/search.document.ts';
import { escapeHtml, highlightAll, plainSnippet, snippet } from '../../src/modules/search/search.snippet.ts';

/** The pure half of full-text search: documents, queries and snippets, without a database. */

/** The tsvector literal as word → positions with weights. */
function parse(doc: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of doc.matchAll(/'((?:[^']|'')*)':([0-9A-D,]+)/g)) out.set(m[1].replace(/''/g, "'"), m[2].split(','));
  return out;
}

describe('search documents', () => {
  test('domain words of the user dictionary are whole words; search mode adds the words inside longer ones', () => {
    const words = documentWords('拨打12345热线反映运城市网约车司机绕路，物业费上涨，小区集中供暖不热');
    for (const w of ['12345热线', '网约车', '物业费', '供暖', '集中供暖', '运城', '运城市']) assert.ok(words.includes(w), `${w} in ${words.join('/')}`);
    assert.ok(!words.includes('约'), '网约车 is not cut into single characters');
    assert.ok(!words.includes('的') && !documentWords('我的诉求').includes('的'), 'stop words are left out');
  });

  test('traditional and simplified text give the same document (運城 is 运城)', () => {
    const hant = searchDocument({ title: '運城網約車繞路', content: '物業費上漲，業委會不管' });
    const hans = searchDocument({ title: '运城网约车绕路', content: '物业费上涨，业委会不管' });
    assert.equal(hant, hans);
    assert.ok(parse(hant).has('运城'));
  });

  test('title words weigh A, content B, replies and notes C; positions run on across the fields', () => {
    const doc = parse(searchDocument({ title: '供暖不热', content: '小区供暖温度低', replies: ['已协调物业公司'], notes: ['请核实供暖'] }));
    const heating = doc.get('供暖')!;
    assert.ok(heating.some((p) => p.endsWith('A')) && heating.some((p) => p.endsWith('B')) && heating.some((p) => p.endsWith('C')), heating.join(','));
    assert.ok(doc.get('物业公司')?.every((p) => p.endsWith('C')));
    const numbers = [...doc.values()].flat().map((p) => Number(p.replace(/[A-D]$/, '')));
    assert.equal(new Set(numbers).size, numbers.length, 'every position once');
  });

  test('empty text gives an empty document; huge text stays within PostgreSQL limits', () => {
    assert.equal(searchDocument({ title: '', content: '' }), '');
    const huge = parse(searchDocument({ title: '物业', content: '小区物业费上涨，业主不满。'.repeat(8_000) }));
    assert.ok(huge.get('物业费')!.length <= 256, 'at most 256 positions per word');
    assert.ok([...huge.values()].flat().every((p) => Number(p.replace(/[A-D]$/, '')) <= 16_383));
  });
});

describe('search queries', () => {
  test('words are cut like the documents; all must occur; traditional becomes simplified', () => {
    assert.deepEqual(parseSearchQuery('網約車 運城').words, ['网约车', '运城']);
    assert.equal(parseSearchQuery('网约车 运城').tsquery, "'网约车' & '运城'");
  });

  test('a single character or a Latin/digit word is a prefix; stop words are dropped unless nothing else is left', () => {
    assert.equal(parseSearchQuery('水').tsquery, "'水':*");
    assert.equal(parseSearchQuery('A3').tsquery, "'a3':*");
    assert.deepEqual(parseSearchQuery('我的物业费').words, ['物业费']);
    assert.deepEqual(parseSearchQuery('的').words, ['的']);
  });

  test('a code-like entry also matches case numbers; punctuation alone finds nothing', () => {
    assert.equal(parseSearchQuery(' TS2026-0001 ').code, 'ts2026-0001');
    assert.equal(parseSearchQuery('０００１２３').code, '000123', 'full-width digits too');
    assert.equal(parseSearchQuery('物业费').code, null);
    assert.deepEqual(parseSearchQuery('，。！'), { words: [], tsquery: null, code: null });
  });
});

describe('snippets', () => {
  test('HTML in the text is escaped, the hits are marked', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(highlightAll('<b>物业费</b>太贵', ['物业费']), '&lt;b&gt;<mark>物业费</mark>&lt;/b&gt;太贵');
    const s = snippet(['<script>alert(1)</script>小区物业费又涨了'], ['物业费'])!;
    assert.ok(!s.includes('<script>'), s);
    assert.ok(s.includes('&lt;script&gt;') && s.includes('<mark>物业费</mark>'), s);
  });

  test('a simplified query marks the traditional original; the window starts shortly before the first hit', () => {
    assert.equal(highlightAll('運城網約車', ['运城']), '<mark>運城</mark>網約車');
    const text = `${'前'.repeat(100)}运城的网约车${'后'.repeat(100)}`;
    const s = snippet([text], ['网约车'], { width: 40, before: 10 })!;
    assert.ok(s.startsWith('…') && s.endsWith('…'), s);
    assert.ok(s.includes('<mark>网约车</mark>'));
    assert.equal(s.replace(/<\/?mark>|…/g, '').length, 40);
  });

  test('the first text with a hit is used; none → null; the plain start is escaped and cut', () => {
    assert.equal(snippet(['没有', null, '答复：已维修路灯'], ['路灯']), '答复：已维修<mark>路灯</mark>');
    assert.equal(snippet(['没有'], ['路灯']), null);
    assert.equal(plainSnippet('<i>' + '字'.repeat(100), 10), '&lt;i&gt;字字字字字字字…');
  });
});
