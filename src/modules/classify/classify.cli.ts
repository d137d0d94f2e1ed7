import { parseArgs } from 'node:util';
import { predictionsCsv, readLabeledCsv } from './csv.ts';
import { crossValidate, formatScores, heldOut } from './evaluate.ts';
import { trainClassifier } from './model.ts';
import { loadModel, saveModel } from './persistence.ts';

/**
 * `minsheng classify train|predict|evaluate`: the classifier on CSV files
 * (`id,title,detail,label`), without the database. Results go to stdout,
 * progress to stderr.
 */
export const classifyUsage = `Usage:
  minsheng classify train <csv> --model <file> [--seed N]
  minsheng classify predict <csv> --model <file>       prints id,label (top-1) as CSV
  minsheng classify evaluate <csv> [--folds 5] [--holdout 0.2] [--seed N]`;

/** Writes to stdout and resolves once the data is handed to the OS (the CLI exits right after). */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

/** Runs one `classify` subcommand. @throws Error with the usage on bad arguments. */
export async function classifyCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { model: { type: 'string' }, folds: { type: 'string' }, holdout: { type: 'string' }, seed: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new Error(classifyUsage);
  const seed = values.seed ? Number(values.seed) : 1;
  const log = (m: string) => process.stderr.write(`${m}\n`);
  switch (sub) {
    case 'train': {
      if (!values.model) throw new Error(`--model <file> is required\n${classifyUsage}`);
      const rows = readLabeledCsv(file, { requireLabel: true });
      const model = trainClassifier(rows, { seed });
      await saveModel(model, values.model);
      log(`trained on ${rows.length} rows, ${model.labels.length} labels, ${model.info.features} features in ${model.info.seconds} s → ${values.model}`);
      return;
    }
    case 'predict': {
      if (!values.model) throw new Error(`--model <file> is required\n${classifyUsage}`);
      const model = await loadModel(values.model);
      const rows = readLabeledCsv(file);
      await writeStdout(predictionsCsv(rows.map((r) => ({ id: r.id, label: model.predict(r) }))));
      return;
    }
    case 'evaluate': {
      const rows = readLabeledCsv(file, { requireLabel: true });
      const folds = Number(values.folds ?? 5);
      const share = Number(values.holdout ?? 0.2);
      const out: string[] = [];
      if (folds >= 2) {
        const cv = crossValidate(rows, folds, {}, seed, log);
        out.push(`${folds}-fold stratified cross-validation: macro-F1 ${cv.macroF1.mean.toFixed(4)} ± ${cv.macroF1.sd.toFixed(4)} (folds: ${cv.foldMacroF1.map((f) => f.toFixed(4)).join(', ')})`,
          'pooled over the folds:', formatScores(cv.pooled), '');
      }
      if (share > 0 && share < 1) {
        const h = heldOut(rows, share, {}, seed);
        out.push(`held-out ${Math.round(share * 100)}% (stratified, seed ${seed}; ${h.train} train, ${h.test} test): macro-F1 ${h.scores.macroF1.toFixed(4)}`, formatScores(h.scores));
      }
      await writeStdout(out.join('\n') + '\n');
      return;
    }
    default:
      throw new Error(classifyUsage);
  }
}
