/** `npm run build:web`: builds the staff web app into web/dist (`--if-stale`: only when its sources changed). */
import { ensureWebBuild } from '../src/http/web-build.ts';

try {
  await ensureWebBuild({ force: !process.argv.includes('--if-stale') });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
