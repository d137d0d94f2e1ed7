import type { Queryable } from '../../db/database.ts';
import { presentBoard, presentPublicPost, type PublicBoard, type PublicPost } from './board.presenter.ts';
import { listBoards, listRegions } from './board.repository.ts';
import { boardDomains, boardTypes, publicStates, type PublicState } from './board.vocabulary.ts';
import { localizeName, type Lang } from './i18n/index.ts';
import { boardFigures, findPublicPost, listPublicPosts, publicImages } from './public.repository.ts';

/**
 * The public read model shared by the HTML pages and their JSON twins, so
 * both show the same fields: boards with figures, filtered pages of posts,
 * one post. Unknown filter values are ignored (links from anywhere work).
 */

export interface RawListQuery {
  board?: string;
  region?: string;
  type?: string;
  domain?: string;
  state?: string;
  q?: string;
  page?: string | number;
}

export interface PostList {
  posts: PublicPost[];
  total: number;
  page: number;
  pages: number;
  filters: { board?: string; region?: string; type?: string; domain?: string; state?: string; q?: string };
  regions: Array<{ key: string; name: string }>;
}

export async function readBoards(db: Queryable, lang: Lang): Promise<PublicBoard[]> {
  const [boards, figures] = await Promise.all([listBoards(db, { activeOnly: true }), boardFigures(db)]);
  return boards.map((b) => presentBoard(b, figures.get(b.key), lang));
}

async function withImages(db: Queryable, rows: Awaited<ReturnType<typeof listPublicPosts>>['rows'], lang: Lang) {
  const images = await publicImages(db, rows.map((r) => r.id));
  return rows.map((r) => presentPublicPost(r, images.filter((i) => i.postId === r.id), lang));
}

const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  v && (values as readonly string[]).includes(v) ? (v as T) : undefined;

export async function readPostList(
  db: Queryable, lang: Lang, raw: RawListQuery, pageSize: number, boards: readonly PublicBoard[], fixedBoard?: string,
): Promise<PostList> {
  const regions = await listRegions(db);
  const region = regions.find((r) => r.key === raw.region);
  const board = fixedBoard ?? boards.find((b) => b.key === raw.board)?.key;
  const q = raw.q?.trim().slice(0, 50) || undefined;
  const filters = {
    board: fixedBoard ? undefined : board,
    region: region?.key,
    type: oneOf(boardTypes, raw.type),
    domain: oneOf(boardDomains, raw.domain),
    state: oneOf(publicStates, raw.state),
    q,
  };
  const requested = Math.floor(Number(raw.page ?? 1));
  const page = Number.isFinite(requested) && requested >= 1 ? Math.min(requested, 10_000) : 1;
  const { total, rows } = await listPublicPosts(db, {
    boardKey: board, regionPath: region?.path, type: filters.type, domain: filters.domain,
    state: filters.state as PublicState | undefined, q, limit: pageSize, offset: (page - 1) * pageSize,
  });
  return {
    posts: await withImages(db, rows, lang), total, page, pages: Math.max(1, Math.ceil(total / pageSize)), filters,
    regions: regions.map((r) => ({ key: r.key, name: localizeName(r.name, lang) })),
  };
}

export async function readPost(db: Queryable, lang: Lang, id: number): Promise<PublicPost | undefined> {
  const row = await findPublicPost(db, id);
  if (!row) return undefined;
  const images = await publicImages(db, [row.id]);
  return presentPublicPost(row, images, lang);
}
