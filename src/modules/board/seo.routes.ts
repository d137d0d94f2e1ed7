import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../http/context.ts';
import { listBoards } from './board.repository.ts';
import { langs } from './i18n/index.ts';
import { sitemapPosts } from './public.repository.ts';
import type { WebDeps } from './board.web.ts';
import { escapeHtml } from './views/html.ts';
import { langUrl } from './views/layout.ts';

/**
 * For search engines: `/robots.txt` (the public pages in, the API, forms and
 * personal answers out) and `/sitemap.xml` (landing page, boards, published
 * posts, each with its language versions as `xhtml:link` alternates).
 */
export async function seoRoutes(scope: FastifyInstance, deps: AppDeps, web: WebDeps) {
  const base = (request: FastifyRequest) => web.publicUrl ?? `${request.protocol}://${request.host}`;
  const hide = { schema: { hide: true } } as const;

  scope.get('/robots.txt', { config: { public: true }, ...hide }, async (request, reply) => {
    const body = [
      'User-agent: *',
      'Allow: /',
      'Disallow: /api/',
      'Disallow: /docs',
      'Disallow: /openapi.json',
      'Disallow: /lookup',
      'Disallow: /login',
      'Disallow: /board/*/write',
      '',
      `Sitemap: ${base(request)}/sitemap.xml`,
      '',
    ].join('\n');
    return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  scope.get('/sitemap.xml', { config: { public: true }, ...hide }, async (request, reply) => {
    const root = base(request);
    const [boards, posts] = await Promise.all([listBoards(deps.db, { activeOnly: true }), sitemapPosts(deps.db)]);
    const entry = (path: string, lastmod?: Date | null) => {
      const alternates = langs.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeHtml(root + langUrl(path, {}, l))}"/>`).join('');
      return `<url><loc>${escapeHtml(root + path)}</loc>${lastmod ? `<lastmod>${new Date(lastmod).toISOString()}</lastmod>` : ''}${alternates}</url>`;
    };
    const urls = [
      entry('/'), entry('/board'),
      ...boards.map((b) => entry(`/board/${b.key}`)),
      ...posts.map((p) => entry(`/board/posts/${p.id}`, p.lastmod)),
    ];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
    return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'public, max-age=600').send(xml);
  });
}
