import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/context.ts';
import { boardApiRoutes } from './board.api.routes.ts';
import { loadBoardConfig } from './board.config.ts';
import { boardPageRoutes } from './board.pages.routes.ts';

/**
 * The public site (landing page, Leader Message Board, case lookup, sitemap)
 * and the board's JSON API. See docs/board.md.
 */
export async function boardRoutes(app: FastifyInstance, deps: AppDeps) {
  const config = loadBoardConfig();
  await boardApiRoutes(app, deps, config);
  await boardPageRoutes(app, deps, config);
}
