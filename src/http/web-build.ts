import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The staff web app's build (web/ → web/dist, Vite). `npm start` builds it
 * when web/dist is missing or older than its sources (a fresh clone, or after
 * editing web/), in the background while the database starts; `npm test`
 * before the browser tests; `npm run build:web` on demand. A fingerprint of
 * the sources in web/dist/.fingerprint says whether a build is current, and
 * a lock file keeps two processes from building at once.
 */
const root = path.resolve(import.meta.dirname, '../..');
export const webDir = path.join(root, 'web');
export const webDist = path.join(webDir, 'dist');
const fingerprintFile = path.join(webDist, '.fingerprint');
const lockFile = path.join(webDir, '.build.lock');
/** What the web app's bundle is made of, besides web/ itself: the domain tables it imports and the installed packages. */
const inputs = ['web', 'src/domain', 'src/modules/case/case.vocabulary.ts', 'package-lock.json'];

export type WebBuildStatus = { state: 'ready' } | { state: 'building' } | { state: 'failed'; message: string } | { state: 'missing' };
let status: WebBuildStatus | undefined;

/** Whether /app/ can be served now (read by the web routes). */
export function webBuildStatus(): WebBuildStatus {
  if (status && status.state !== 'ready') return status;
  return fs.existsSync(path.join(webDist, 'index.html')) ? { state: 'ready' } : { state: 'missing' };
}

function listFiles(rel: string): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [rel];
  return fs.readdirSync(full, { withFileTypes: true })
    .filter((e) => !['dist', 'node_modules'].includes(e.name) && !e.name.startsWith('.') && !e.name.endsWith('.test.ts'))
    .flatMap((e) => listFiles(path.join(rel, e.name)));
}

/** A hash of every source file of the bundle (names and contents). */
export function webSourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((i) => listFiles(i)).sort()) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsCurrent(): boolean {
  try {
    return fs.readFileSync(fingerprintFile, 'utf8').trim() === webSourceFingerprint()
      && fs.existsSync(path.join(webDist, 'index.html'));
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the build lock, or waits while another live process holds it (then returns false: it built). */
async function takeLock(): Promise<boolean> {
  for (let waited = false; ; waited = true) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return !waited;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8')) || 0;
      if (!holder || !isAlive(holder)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

let running: Promise<void> | undefined;

/**
 * Builds web/dist unless it is current. Builds into a temporary folder and
 * swaps it in, so a server never serves half a build.
 * @throws Error with Vite's output when the build fails.
 */
export function ensureWebBuild(opts: { force?: boolean; log?: (m: string) => void } = {}): Promise<void> {
  running ??= build(opts).finally(() => { running = undefined; });
  return running;
}

async function build({ force = false, log = console.log }: { force?: boolean; log?: (m: string) => void }) {
  if (!force && webBuildIsCurrent()) return;
  const first = await takeLock();
  try {
    if (!first && !force && webBuildIsCurrent()) return;
    status = { state: 'building' };
    // Left by a process that died mid-build.
    for (const name of fs.readdirSync(webDir)) {
      const pid = /^\.dist-(?:old-)?(\d+)$/.exec(name)?.[1];
      if (pid && !isAlive(Number(pid))) fs.rmSync(path.join(webDir, name), { recursive: true, force: true });
    }
    const fingerprint = webSourceFingerprint();
    const tmp = path.join(webDir, `.dist-${process.pid}`);
    log('Building the web app (web/ → web/dist)…');
    const t0 = Date.now();
    const output = await runVite(tmp);
    if (output.code !== 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new Error(`The web app did not build (vite exited ${output.code}):\n${output.text.slice(-4000)}`);
    }
    fs.writeFileSync(path.join(tmp, '.fingerprint'), `${fingerprint}\n`);
    const old = path.join(webDir, `.dist-old-${process.pid}`);
    if (fs.existsSync(webDist)) fs.renameSync(webDist, old);
    fs.renameSync(tmp, webDist);
    fs.rmSync(old, { recursive: true, force: true });
    log(`Web app built in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
    status = { state: 'ready' };
  } catch (err) {
    status = { state: 'failed', message: err instanceof Error ? err.message : String(err) };
    throw err;
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

let child: ReturnType<typeof spawn> | undefined;

function runVite(outDir: string): Promise<{ code: number | null; text: string }> {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [vite, 'build', '--config', path.join(webDir, 'vite.config.ts'), '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' },
    });
    let text = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (text += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (text += d));
    child.on('error', reject);
    child.on('close', (code) => { child = undefined; resolve({ code, text }); });
  });
}

/** Stops a build in progress (server shutdown); the lock and the temporary folder go with it. */
export function stopWebBuild() {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  try {
    if (Number(fs.readFileSync(lockFile, 'utf8')) === process.pid) fs.rmSync(lockFile, { force: true });
  } catch { /* no lock */ }
  fs.rmSync(path.join(webDir, `.dist-${process.pid}`), { recursive: true, force: true });
}
