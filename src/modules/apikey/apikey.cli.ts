import { parseArgs } from 'node:util';
import type { Db } from '../../db/database.ts';
import { formatShanghai } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { createApiKey, revokeApiKey } from './apikey.commands.ts';
import { listApiKeys } from './apikey.repository.ts';

/** Opens the installation's database, runs `fn` on it and closes it again (main.ts's withDatabase). */
type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

export const apiKeyUsage = `  apikey create <name> [--rate N]   make an API key (N requests per minute, default 60); the key is the last line
  apikey list                       every key: id, prefix, name, limit, last use, revoked
  apikey revoke <prefix-or-id>      refuse the key's requests from now on`;

/**
 * `minsheng apikey …`. `create` prints the new key alone on its last line so
 * scripts can take it with `tail -n 1`; it is never shown again.
 * @throws DomainError INVALID_INPUT for bad arguments (checked before the database is opened); NOT_FOUND for an unknown key.
 */
export async function apiKeyCommand(sub: string | undefined, args: string[], withDb: WithDb) {
  switch (sub) {
    case 'create': {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { rate: { type: 'string' } } });
      const name = positionals.join(' ').trim();
      if (!name) throw invalidInput('用法：minsheng apikey create <名称> [--rate N]', 'usage: minsheng apikey create <name> [--rate N]');
      const rate = values.rate === undefined ? undefined : Number(values.rate);
      return withDb(async (db) => {
        const made = await createApiKey(db, { name, rateLimitPerMinute: rate });
        console.log(`created API key ${made.id} "${made.name}" (prefix ${made.prefix}, ${made.rateLimitPerMinute} requests per minute)`);
        console.log('Store the key now: it is shown only this once. Open311 clients send it as api_key.');
        console.log(made.key);
      });
    }
    case 'list':
      return withDb(async (db) => {
        const rows = await listApiKeys(db);
        if (rows.length === 0) return console.log('no API keys');
        console.log(['id', 'prefix', 'per-min', 'created', 'last used', 'revoked', 'name'].join('\t'));
        for (const k of rows) {
          const when = (d: Date | null) => (d ? formatShanghai(d).slice(0, 16).replace('T', ' ') : '-');
          console.log([k.id, k.prefix, k.rateLimitPerMinute, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt), k.name].join('\t'));
        }
      });
    case 'revoke': {
      const ref = args[0];
      if (!ref) throw invalidInput('用法：minsheng apikey revoke <前缀或编号>', 'usage: minsheng apikey revoke <prefix-or-id>');
      return withDb(async (db) => {
        const row = await revokeApiKey(db, { idOrPrefix: ref });
        console.log(`revoked API key ${row.id} "${row.name}" (prefix ${row.prefix}) at ${formatShanghai(row.revokedAt!)}`);
      });
    }
    default:
      throw invalidInput(`未知子命令：apikey ${sub ?? ''}`, `unknown command: apikey ${sub ?? ''}\n${apiKeyUsage}`);
  }
}
