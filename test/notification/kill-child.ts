/**
 * A process for the kill tests to SIGKILL at the worst moment. It works on
 * the test database given on the command line, prints one line when it has
 * reached that moment, and then waits to be killed:
 *
 *   outbox <db-url>         dispatches the outbox, then stops before COMMIT
 *   sms <db-url> <dir>      sends due SMS through the recording gateway and
 *                           stops after the gateway accepted the first one,
 *                           before it is marked sent
 */
import { createDb } from '../../src/db/database.ts';
import { dispatchOutboxBatch } from '../../src/modules/notification/outbox.job.ts';
import { sendSmsBatch } from '../../src/modules/notification/sms.job.ts';
import { recordingGateway } from './gateway.ts';

const [mode, url, dir] = process.argv.slice(2);
const db = createDb(url, 2);
const forever = () => new Promise<never>(() => {});
/** The sms mode's claim; the parent waits it out. */
const LEASE_SECONDS = 4;

if (mode === 'outbox') {
  await db.transaction().execute(async (trx) => {
    const result = await dispatchOutboxBatch(trx, 1000);
    console.log(`READY ${JSON.stringify(result)}`);
    await forever();
  });
} else if (mode === 'sms') {
  const gateway = recordingGateway(dir, async (id) => {
    console.log(`SENT ${id}`);
    await forever();
  });
  await sendSmsBatch(db, gateway, { batchSize: 100, concurrency: 1, leaseSeconds: LEASE_SECONDS });
} else {
  throw new Error(`unknown mode ${mode}`);
}
