import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import { crossValidate, expectedCalibrationError } from '../../src/modules/classify/evaluate.ts';
import { score, stratifiedFolds, stratifiedSplit } from '../../src/modules/classify/metrics.ts';
import { trainClassifier, type TextClassifier } from '../../src/modules/classify/model.ts';
import { deserializeModel, loadModel, saveModel, serializeModel } from '../../src/modules/classify/persistence.ts';
import { suggestUnits, trainRoutingModel } from '../../src/modules/classify/routing.ts';
import { fixtureLabels, heldOutRows, trainingRows } from './fixture.ts';

/** The classifier on the invented fixture: learns, predicts, survives save and load, copes with odd input. */
describe('text classifier', () => {
  let model: TextClassifier;
  let tmp: string;
  before(() => {
    model = trainClassifier(trainingRows, { seed: 7 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-classify-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('learns the training messages', () => {
    assert.deepEqual([...model.labels].sort(), [...fixtureLabels].sort());
    const right = trainingRows.filter((r) => model.predict(r) === r.label).length;
    assert.ok(right / trainingRows.length >= 0.95, `training accuracy ${right}/${trainingRows.length}`);
  });

  test('predicts held-out messages it has not seen', () => {
    for (const r of heldOutRows) assert.equal(model.predict(r), r.label, `${r.title}: ${JSON.stringify(model.predictTop(r, 4))}`);
  });

  test('predictTop: k labels, most likely first, confidences in [0, 1] summing to 1 over all labels', () => {
    const top = model.predictTop(heldOutRows[0], 3);
    assert.equal(top.length, 3);
    assert.equal(top[0].label, model.predict(heldOutRows[0]));
    for (let i = 1; i < top.length; i++) assert.ok(top[i - 1].confidence >= top[i].confidence);
    const all = model.predictTop(heldOutRows[0], 99);
    assert.equal(all.length, model.labels.length);
    assert.ok(Math.abs(all.reduce((s, p) => s + p.confidence, 0) - 1) < 1e-9);
    assert.ok(all.every((p) => p.confidence >= 0 && p.confidence <= 1));
    assert.deepEqual(model.predictTop(heldOutRows[0], 0), []);
  });

  test('a plain string is read as the message body', () => {
    assert.equal(model.predict('工厂排放废气，河水污染，请环保部门处理'), '环境保护');
    assert.equal(model.predictTop('工厂排放废气，河水污染', 1)[0].label, '环境保护');
  });

  test('traditional characters classify like simplified ones', () => {
    assert.deepEqual(model.scores({ title: '網約車亂收費', detail: '司機繞路多收車費' }), model.scores({ title: '网约车乱收费', detail: '司机绕路多收车费' }));
  });

  test('survives save and load with identical outputs', async () => {
    const file = path.join(tmp, 'model.bin');
    await saveModel(model, file);
    const loaded = await loadModel(file);
    assert.deepEqual(loaded.labels, model.labels);
    assert.equal(loaded.temperature, model.temperature);
    assert.deepEqual(loaded.info, model.info);
    for (const r of [...trainingRows, ...heldOutRows, { title: '', detail: '' }]) {
      assert.deepEqual(loaded.scores(r), model.scores(r), r.title);
      assert.deepEqual(loaded.predictTop(r, 4), model.predictTop(r, 4));
    }
    assert.deepEqual(serializeModel(loaded), serializeModel(model), 'saving again gives the same bytes');
  });

  test('rejects a file that is not a model', () => {
    assert.throws(() => deserializeModel(Buffer.from('not a model')), (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT');
    const truncated = serializeModel(model).subarray(0, 200);
    assert.throws(() => deserializeModel(truncated), DomainError);
  });

  test('empty input does not throw and still ranks every label', () => {
    for (const m of [{ title: '', detail: '' }, {}, '', { title: '！！！', detail: '   ' }]) {
      const top = model.predictTop(m, 4);
      assert.equal(top.length, 4);
      assert.ok(top.every((p) => Number.isFinite(p.confidence)));
    }
  });

  test('huge input (100,000 characters) does not throw', () => {
    const detail = '工地夜间施工噪音很大，扬尘污染严重。'.repeat(5_600).slice(0, 100_000);
    assert.equal(detail.length, 100_000);
    const top = model.predictTop({ title: '', detail }, 2);
    assert.equal(top[0].label, '环境保护');
    model.predictTop({ title: detail, detail }, 2);
  });

  test('deterministic with a seed: the same rows and seed give the same model', () => {
    const again = trainClassifier(trainingRows, { seed: 7 });
    assert.deepEqual(again.linear.weights, model.linear.weights);
    assert.deepEqual(again.linear.bias, model.linear.bias);
    assert.deepEqual(again.vectorizer.terms, model.vectorizer.terms);
    for (const r of heldOutRows) assert.deepEqual(again.scores(r), model.scores(r));
  });

  test('rejects training without rows or with an unlabelled row', () => {
    assert.throws(() => trainClassifier([]), DomainError);
    assert.throws(() => trainClassifier([{ title: 'x', label: ' ' }]), DomainError);
  });

  test('a single label still trains and predicts it with confidence 1', () => {
    const one = trainClassifier(trainingRows.slice(0, 5).map((r) => ({ ...r, label: 'only' })));
    assert.deepEqual(one.predictTop('随便什么', 3), [{ label: 'only', confidence: 1 }]);
  });

  test('confidences are calibrated on a held-out part when there are enough rows', () => {
    const many = [...trainingRows, ...trainingRows.map((r) => ({ ...r, title: `${r.title}。` })), ...trainingRows.map((r) => ({ ...r, detail: `${r.detail}谢谢` }))];
    const calibrated = trainClassifier(many, { calibrationHoldout: 0.25 });
    assert.ok(calibrated.temperature > 0 && calibrated.temperature !== 1, `temperature ${calibrated.temperature}`);
  });
});

describe('routing suggestions', () => {
  test('top-3 units with confidence from past dispatch decisions', () => {
    const unitOf: Record<string, string> = { 交通运输: 'jtj', 环境保护: 'sthjj', 教育文体: 'jyj', 劳动和社会保障: 'rsj' };
    const model = trainRoutingModel(trainingRows.map((r) => ({ title: r.title, content: r.detail, unit: unitOf[r.label] })));
    for (const r of heldOutRows) {
      const suggestions = suggestUnits(model, r);
      assert.equal(suggestions.length, 3);
      assert.equal(suggestions[0].unit, unitOf[r.label], `${r.title}: ${JSON.stringify(suggestions)}`);
      assert.ok(suggestions[0].confidence >= suggestions[1].confidence && suggestions[1].confidence >= suggestions[2].confidence);
      assert.ok(suggestions.every((s) => Object.values(unitOf).includes(s.unit)));
    }
  });
});

describe('evaluation helpers', () => {
  test('score: per-class precision, recall, F1 and their macro average', () => {
    const s = score(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    const a = s.perClass.find((c) => c.label === 'a')!;
    const b = s.perClass.find((c) => c.label === 'b')!;
    assert.deepEqual([a.precision, a.recall, a.support], [1, 0.5, 2]);
    assert.deepEqual([b.precision, b.recall], [2 / 3, 1]);
    assert.ok(Math.abs(s.macroF1 - (2 / 3 + 0.8) / 2) < 1e-12);
    assert.equal(s.accuracy, 0.75);
  });

  test('stratified folds and split keep every label in proportion', () => {
    const labels = [...Array(50).fill('x'), ...Array(20).fill('y')];
    const folds = stratifiedFolds(labels, 5, 3);
    for (let f = 0; f < 5; f++) {
      assert.equal(labels.filter((l, i) => l === 'x' && folds[i] === f).length, 10);
      assert.equal(labels.filter((l, i) => l === 'y' && folds[i] === f).length, 4);
    }
    const split = stratifiedSplit(labels, 0.2, 3);
    assert.equal(split.test.length, 14);
    assert.equal(split.test.filter((i) => labels[i] === 'y').length, 4);
    assert.deepEqual(stratifiedSplit(labels, 0.2, 3), split, 'same seed, same split');
  });

  test('cross-validation on the fixture', () => {
    const cv = crossValidate([...trainingRows, ...heldOutRows], 4, {}, 1);
    assert.equal(cv.foldMacroF1.length, 4);
    assert.ok(cv.macroF1.mean > 0.8, `macro-F1 ${cv.macroF1.mean}`);
  });

  test('expected calibration error', () => {
    const near = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-12, `${x} ≠ ${y}`);
    near(expectedCalibrationError([0.95, 0.95], [true, true]), 0.05);
    near(expectedCalibrationError([0.55, 0.55], [true, false]), 0.05);
    near(expectedCalibrationError([0.9, 0.1], [true, false]), 0.1);
  });
});
