import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { renderLifecycleDoc } from './lifecycle-doc.ts';

it('docs/lifecycle.md matches the lifecycle table (regenerate with scripts/lifecycle-doc.ts)', () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/lifecycle.md'), 'utf8');
  assert.equal(doc, renderLifecycleDoc());
});
