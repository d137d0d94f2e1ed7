import fs from 'node:fs';
import path from 'node:path';
import { logDriver, type SmsDriver } from '../../src/modules/notification/sms.drivers.ts';

/**
 * A stand-in SMS gateway for the kill test, shared by the child and the
 * parent process through files in `dir`:
 * - `calls.log`: every id handed to the gateway, one per line, before it
 *   does anything (what a gateway's access log would show);
 * - `sms.log`: what the product's own `log` driver delivered (each id once,
 *   even across processes: the idempotent gateway).
 * `afterAccepted` runs once the message is delivered, before `send` resolves.
 */
export function recordingGateway(dir: string, afterAccepted?: (id: number) => Promise<void>): SmsDriver {
  const delivered = logDriver({ file: path.join(dir, 'sms.log') });
  return {
    name: 'recording',
    async send(msg) {
      fs.appendFileSync(path.join(dir, 'calls.log'), `${msg.id}\n`);
      await delivered.send(msg);
      await afterAccepted?.(msg.id);
    },
  };
}

export function readIds(file: string): number[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (line.startsWith('{') ? JSON.parse(line).id : Number(line)));
}
