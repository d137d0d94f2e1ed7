/**
 * `npm test`: every test against a real PostgreSQL.
 * With DATABASE_URL set, that server is used (the role needs CREATEDB);
 * otherwise an embedded server is started in a temporary directory.
 * The schema is migrated once into a template database; each test file
 * clones it (CREATE DATABASE … TEMPLATE), so files run in parallel without
 * sharing data — two at a time, and the browser test files one at a time
 * after the others.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openEmbedded, type EmbeddedHandle } from '../src/db/embedded.ts';
import { createDb } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadReferenceData } from '../src/db/reference-data.ts';
import { ensureWebBuild } from '../src/http/web-build.ts';

const root = path.resolve(import.meta.dirname, '..');

function findTests(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(root, full));
  }
  return out.sort();
}

async function main() {
  const only = process.argv.slice(2);
  const files = only.length ? only : [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))];

  let embedded: EmbeddedHandle | undefined;
  let adminUrl = process.env.DATABASE_URL;
  let tmpDir: string | undefined;
  if (!adminUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-test-'));
    fs.chmodSync(tmpDir, 0o755);
    embedded = await openEmbedded(tmpDir, 'test');
    adminUrl = embedded.url('postgres');
    console.log(`# tests on the embedded PostgreSQL in ${tmpDir}`);
  } else {
    console.log(`# tests on the external PostgreSQL from DATABASE_URL`);
  }

  const template = `minsheng_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const tplUrl = withDatabase(adminUrl, template);
  const db = createDb(tplUrl, 2);
  await migrateToLatest(db);
  await loadReferenceData(db);
  await db.destroy();

  // The browser tests serve web/dist: build it once here (when stale), not in each test file.
  await ensureWebBuild();

  // Browser tests (Chromium, a server and clicks with timeouts) run one file at a time after the
  // others: two Chromiums beside the rest on 2 cores made their waits flaky. The rest run two at a time.
  const inBrowser = (file: string) => fs.readFileSync(path.resolve(root, file), 'utf8').includes('support/browser.ts');
  const run = (group: string[], concurrency: number) => new Promise<number>((resolve) => {
    if (group.length === 0) return resolve(0);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...group],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, MINSHENG_TEST_ADMIN_URL: adminUrl, MINSHENG_TEST_TEMPLATE: template },
      },
    );
    child.on('exit', (c) => resolve(c ?? 1));
  });
  const plain = await run(files.filter((f) => !inBrowser(f)), 2);
  const browser = await run(files.filter(inBrowser), 1);
  const code = plain || browser;

  await admin.query(`DROP DATABASE IF EXISTS ${template}`).catch(() => {});
  await admin.end();
  await embedded?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  process.exit(code);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

await main();
