import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

/**
 * The staff web app. `npm run dev` serves it with hot reload and sends API
 * calls to the server (`MINSHENG_API_URL`, default http://localhost:3000);
 * the build goes to web/dist, which the server serves at /app/.
 */
const api = process.env.MINSHENG_API_URL ?? 'http://localhost:3000';
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react(), precompress()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    reportCompressedSize: false,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    fs: { allow: [path.resolve(root, '..')] },
    proxy: Object.fromEntries(['/api', '/openapi.json', '/healthz', '/docs'].map((p) => [p, { target: api, changeOrigin: true }])),
  },
});
