import { defaultBoardPolicy, type BoardPolicy } from './board.vocabulary.ts';

/**
 * The board's settings from the environment (docs/board.md):
 * - `MINSHENG_PUBLIC_URL`: the site's public address for canonical links and
 *   the sitemap (default: taken from each request's host);
 * - `MINSHENG_BOARD_POSTS_PER_PHONE`, `MINSHENG_BOARD_POSTS_PER_IP`: posts per
 *   24 hours (3 and 10);
 * - `MINSHENG_BOARD_LOOKUPS_PER_IP`: case lookups per IP per hour (30).
 */
export interface BoardConfig {
  publicUrl: string | undefined;
  policy: BoardPolicy;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not ${value}`);
  return n;
}

/** @throws Error for a malformed value (fail at start, not at the first post). */
export function loadBoardConfig(env: NodeJS.ProcessEnv = process.env): BoardConfig {
  const url = env.MINSHENG_PUBLIC_URL?.replace(/\/+$/, '') || undefined;
  if (url && !/^https?:\/\/[^/\s]+$/.test(url)) throw new Error(`MINSHENG_PUBLIC_URL must look like https://host, not ${url}`);
  return {
    publicUrl: url,
    policy: {
      ...defaultBoardPolicy,
      postsPerPhonePerDay: positive(env.MINSHENG_BOARD_POSTS_PER_PHONE, defaultBoardPolicy.postsPerPhonePerDay, 'MINSHENG_BOARD_POSTS_PER_PHONE'),
      postsPerIpPerDay: positive(env.MINSHENG_BOARD_POSTS_PER_IP, defaultBoardPolicy.postsPerIpPerDay, 'MINSHENG_BOARD_POSTS_PER_IP'),
      lookupsPerIpPerHour: positive(env.MINSHENG_BOARD_LOOKUPS_PER_IP, defaultBoardPolicy.lookupsPerIpPerHour, 'MINSHENG_BOARD_LOOKUPS_PER_IP'),
    },
  };
}
