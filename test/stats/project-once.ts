/** Child process for the concurrency test: one projector run against DATABASE_URL, the summary as JSON. */
import { createDb } from '../../src/db/database.ts';
import { runProjector } from '../../src/modules/stats/stats.projector.ts';

const db = createDb(process.env.DATABASE_URL!, 2);
const result = await runProjector(db, { batchSize: 3 });
process.stdout.write(JSON.stringify(result));
await db.destroy();
process.exit(0);
