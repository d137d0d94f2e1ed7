import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { renderZhHant, zhHantFile } from '../../scripts/web-i18n.ts';
import { messages } from '../../web/src/i18n/messages.ts';
import { vocabulary } from '../../web/src/i18n/vocab.ts';
import { actionLabels, caseActions, caseStates, stateLabels } from '../../src/domain/lifecycle.ts';

describe('the web app’s three languages', () => {
  it('web/src/i18n/zh-Hant.ts is generated from the current words (run `npm run i18n`)', () => {
    assert.equal(fs.readFileSync(zhHantFile, 'utf8'), renderZhHant());
  });

  it('every message has both Chinese and English, with the same {placeholders}', () => {
    for (const [key, [zh, en]] of Object.entries(messages)) {
      assert.ok(zh.trim() && en.trim(), key);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(zh), names(en), key);
    }
  });

  it('labels every state and action from the domain’s own table', () => {
    const zh = vocabulary('zh');
    const en = vocabulary('en');
    for (const s of caseStates) assert.equal(zh[`state.${s}`], stateLabels[s].zh);
    for (const a of caseActions) {
      assert.equal(zh[`action.${a}`], actionLabels[a].zh);
      assert.equal(en[`action.${a}`], actionLabels[a].en);
    }
  });
});
