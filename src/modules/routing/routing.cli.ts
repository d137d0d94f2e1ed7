import type { Db } from '../../db/database.ts';
import { retrainModels } from './routing.training.ts';

/**
 * `npx minsheng classify retrain [--kind category|unit]`: trains the
 * category and unit models from this installation's history and stores
 * them; every running process uses them from its next request.
 */
export async function retrainCommand(args: string[], withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>): Promise<void> {
  const kindAt = args.indexOf('--kind');
  const kind = kindAt >= 0 ? args[kindAt + 1] : undefined;
  if (kind !== undefined && kind !== 'category' && kind !== 'unit') throw new Error('usage: minsheng classify retrain [--kind category|unit]');
  const outcomes = await withDb((db) => db.transaction().execute((trx) => retrainModels(trx, { kinds: kind ? [kind] : undefined })));
  for (const o of outcomes) {
    if (o.trained) {
      const h = o.metrics.holdout;
      console.log(`${o.kind}: model ${o.modelId} — ${o.samples} examples, ${o.labels} labels, ${o.seconds} s, ${(o.sizeBytes / 1024).toFixed(0)} KiB`
        + (h ? `; held-out ${h.n}: accuracy ${h.accuracy}, top-3 ${h.top3}, macro-F1 ${h.macroF1}` : ''));
    } else {
      console.log(`${o.kind}: not trained (${o.reason}); the previous model, if any, stays in use`);
    }
  }
}
