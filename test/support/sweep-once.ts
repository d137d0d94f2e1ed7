/** Child process for the sweeper test: one sweep against DATABASE_URL at SWEEP_NOW, result as JSON. */
import { createDb } from '../../src/db/database.ts';
import { runSweep } from '../../src/modules/deadline/sweeper.ts';

const db = createDb(process.env.DATABASE_URL!, 2);
const result = await runSweep(db, new Date(process.env.SWEEP_NOW!));
process.stdout.write(JSON.stringify(result));
await db.destroy();
process.exit(0);
