import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { webBuildStatus, webDist } from './web-build.ts';

/**
 * The staff web app at /app/ (web/dist, built by web-build.ts): hashed
 * assets cached for a year, every other /app/… address answered with
 * index.html so the app's own router shows it. `/login` leads to it.
 * While the first build runs, /app/ says so and refreshes itself.
 */
export async function webRoutes(app: FastifyInstance) {
  await app.register(fastifyStatic, { root: webDist, serve: false, preCompressed: true, wildcard: false });
  const page = { config: { public: true }, schema: { hide: true } } as const;

  app.get('/login', page, async (_request, reply) => reply.redirect('/app/login'));
  app.get('/app', page, async (_request, reply) => reply.redirect('/app/'));
  app.get('/app/*', page, async (request, reply) => {
    const status = webBuildStatus();
    if (status.state !== 'ready') {
      const building = status.state === 'building' || status.state === 'missing';
      return reply.status(503).header('retry-after', '3').header('cache-control', 'no-store').type('text/html; charset=utf-8').send(
        `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>民声 Minsheng</title>${building ? '<meta http-equiv="refresh" content="3">' : ''}</head>` +
        `<body style="font-family:sans-serif;padding:40px"><h1>民声 · 诉求办理工作台</h1><p>${building
          ? '界面正在构建，请稍候（此页会自动刷新）。<br>The web app is being built; this page refreshes by itself.'
          : '界面构建失败，请查看服务器日志，或运行 <code>npm run build:web</code>。<br>The web app failed to build: see the server log or run <code>npm run build:web</code>.'}</p></body></html>`,
      );
    }
    const rel = (request.params as { '*': string })['*'] ?? '';
    const file = path.normalize(rel);
    const isFile = rel !== '' && !file.startsWith('..') && fs.statSync(path.join(webDist, file), { throwIfNoEntry: false })?.isFile();
    if (isFile && !file.startsWith('.')) {
      const hashed = file.startsWith(`assets${path.sep}`);
      return reply.sendFile(file, { cacheControl: false }).header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    if (rel.startsWith('assets/')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
