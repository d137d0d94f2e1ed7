import fs from 'node:fs/promises';
import path from 'node:path';
import type { SmsConfig } from '../../config.ts';

/**
 * How an SMS leaves the system. One interface, two drivers:
 * - `log` (default): writes each message as a JSON line to a file (or the
 *   process log) — for development, demos and cities without a gateway yet;
 * - `http`: calls the city's SMS gateway through a URL template.
 *
 * `id` is the sms_messages id and the idempotency key: after a crash the
 * sender may hand the same message to the driver again, always with the same
 * id, and a driver (or the gateway behind it) must treat a repeated id as
 * already sent. The log driver does so itself, across restarts.
 */
export interface SmsToSend {
  id: number;
  phone: string;
  body: string;
}

export interface SmsDriver {
  readonly name: string;
  /** Resolves once the gateway accepted the message. @throws when it did not (the sender retries). */
  send(msg: SmsToSend): Promise<void>;
}

/**
 * Writes `{"id","at","phone","text"}` lines, each id once. The ids already in
 * the file are read before every write (only the part written since the last
 * read), so a message resent after a crash — by this process or another one
 * on the same file — is not written twice. With `file: '-'` lines go to `log`
 * and the record of ids lives in memory.
 */
export function logDriver(opts: { file: string } | { log: (line: string) => void }): SmsDriver {
  const seen = new Set<number>();
  let offset = 0;
  let pending = '';
  let queue: Promise<unknown> = Promise.resolve();

  async function catchUp(file: string) {
    if (offset === 0) await fs.mkdir(path.dirname(file), { recursive: true });
    const handle = await fs.open(file, 'a+');
    try {
      const { size } = await handle.stat();
      if (size <= offset) return;
      const buf = Buffer.alloc(size - offset);
      await handle.read(buf, 0, buf.length, offset);
      offset = size;
      const lines = (pending + buf.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const id = (JSON.parse(line) as { id?: unknown }).id;
          if (typeof id === 'number') seen.add(id);
        } catch { /* a foreign or torn line: not ours */ }
      }
    } finally {
      await handle.close();
    }
  }

  async function write(msg: SmsToSend) {
    if ('file' in opts) await catchUp(opts.file);
    if (seen.has(msg.id)) return;
    const line = JSON.stringify({ id: msg.id, at: new Date().toISOString(), phone: msg.phone, text: msg.body });
    if ('file' in opts) {
      await fs.appendFile(opts.file, `${line}\n`); // one write(2) with O_APPEND: whole lines
    } else {
      opts.log(line);
    }
    seen.add(msg.id);
  }

  return {
    name: 'log',
    // One write at a time, so "read the ids, then append" is not interleaved within this process.
    send(msg) {
      const next = queue.then(() => write(msg));
      queue = next.catch(() => {});
      return next;
    },
  };
}

export interface HttpDriverOptions {
  /** e.g. `https://sms.example.gov.cn/send?to={phone}&msg={text}&ref={id}`; placeholders are URL-encoded. */
  url: string;
  method: 'GET' | 'POST';
  timeoutMs: number;
}

/** Fills the URL template; every value is URL-encoded. */
export function fillTemplate(template: string, msg: SmsToSend): string {
  const values: Record<string, string> = { phone: msg.phone, text: msg.body, id: String(msg.id) };
  return template.replace(/\{(phone|text|id)\}/g, (_, key: string) => encodeURIComponent(values[key]));
}

/**
 * Calls the gateway: GET the filled template, or POST it with the JSON body
 * `{id, phone, text}`. Both send the header `Idempotency-Key: <id>`. A non-2xx
 * answer or no answer within the timeout is an error (the sender retries
 * later with the same id). Error messages never contain the URL, which may
 * hold the gateway's credentials.
 */
export function httpDriver(opts: HttpDriverOptions): SmsDriver {
  return {
    name: 'http',
    async send(msg) {
      const post = opts.method === 'POST';
      let res: Response;
      try {
        res = await fetch(fillTemplate(opts.url, msg), {
          method: opts.method,
          headers: { 'idempotency-key': String(msg.id), ...(post ? { 'content-type': 'application/json' } : {}) },
          body: post ? JSON.stringify({ id: String(msg.id), phone: msg.phone, text: msg.body }) : undefined,
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
          throw new Error(`SMS gateway did not answer within ${opts.timeoutMs} ms`);
        }
        throw new Error(`SMS gateway unreachable: ${err instanceof Error ? (err.cause as Error | undefined)?.message ?? err.message : String(err)}`);
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${text.slice(0, 200)}`);
    },
  };
}

const drivers = new WeakMap<SmsConfig, SmsDriver>();

/** The configured driver; one per configuration, so the log driver's record of ids lives as long as the process. */
export function smsDriverFor(config: SmsConfig, log: (line: string) => void = (l) => console.log(`sms ${l}`)): SmsDriver {
  let driver = drivers.get(config);
  if (!driver) {
    driver = config.driver === 'http'
      ? httpDriver({ url: config.url!, method: config.method, timeoutMs: config.timeoutMs })
      : logDriver(config.logFile === '-' ? { log } : { file: config.logFile });
    drivers.set(config, driver);
  }
  return driver;
}
