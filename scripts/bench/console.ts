import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findRepoRoot } from '../../libs/temporal/src/test-server-executable';
import { freePort, killEscalating, log, sleep, TailBuffer } from '../stack/util';
import { intFromEnv, percentile, range } from './measure';
import { Figure, printFigure, printHeading, printLine } from './report';

/**
 * The console as a newcomer meets it: `npm start` on a fresh data directory (cold) and again on the same one
 * (warm), timed to the console's first render in Debian's Chromium (the sign-in form on screen). Baseline: the same
 * start timed to the API answering ready (/health/ready) — the ratio says what the console adds to the wait. Then
 * the sign-in page's render alone (navigation → form visible, fresh browser context: no cache) against the API's
 * own Swagger UI page on the same server. Bundle sizes (gzip) are printed as context.
 */
const ROOT = findRepoRoot(__dirname);
const RENDERS = intFromEnv('BENCH_CONSOLE_RENDERS', 7);
const START_TIMEOUT_MS = 10 * 60_000;

export async function consoleSection(): Promise<Figure[]> {
  printHeading('console', `npm start (cold, then warm) to the console's first render; sign-in page render ×${RENDERS}`);
  bundleSizes();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const dataDir = join(ROOT, '.data', `bench-up-${process.pid}`);
  const figures: Figure[] = [];
  try {
    for (const start of ['cold', 'warm'] as const) {
      const run = await startAndRender(browser, dataDir);
      try {
        figures.push({
          section: 'console',
          baseline: { label: `npm start → API ready (${start})`, value: run.readyMs, unit: 'ms' },
          measured: { label: `npm start → console first render (${start})`, value: run.renderMs, unit: 'ms' },
          ratioLabel: 'first render ÷ API ready',
        });
        printFigure(figures.at(-1)!);
        if (start === 'warm') figures.push(await renderVersusSwagger(browser, run.url));
      } finally {
        await run.stop();
      }
    }
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/** `npm start` with its own data directory and ports; resolves once the console's sign-in form is on screen. */
async function startAndRender(browser: Browser, dataDir: string) {
  const [port, pgPort, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const url = `http://localhost:${port}`;
  const output = new TailBuffer(80);
  const t0 = performance.now();
  // What `npm start` runs (bash execs node dist/scripts/up.js, so the child is up.ts itself and Ctrl-C reaches it).
  const child = spawn('bash', ['scripts/up.sh'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REGISTRY_DATA_DIR: dataDir, PORT: String(port), PGPORT: String(pgPort), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(temporalUiPort), LOG_LEVEL: 'warn' },
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  // Ctrl-C: up.ts stops API, worker, Temporal and PostgreSQL in that order, then exits.
  const stop = async () => void (await killEscalating(child, [['SIGINT', 60_000], ['SIGTERM', 15_000], ['SIGKILL', 5_000]]));
  try {
    for (;;) {
      if (performance.now() - t0 > START_TIMEOUT_MS) throw new Error('npm start did not become ready');
      const up = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
      if (up) break;
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.text()}`);
      await sleep(50);
    }
    const readyMs = performance.now() - t0;
    await signInPageRenders(browser, `${url}/console/login`);
    const renderMs = performance.now() - t0;
    return { url, readyMs, renderMs, stop };
  } catch (e) {
    log('bench', `npm start output:\n${output.text()}`);
    await stop();
    throw e;
  }
}

/** Opens the page in a fresh context (no cache) and waits for the sign-in form's button; answers the time taken. */
async function signInPageRenders(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor({ state: 'visible', timeout: 60_000 });
    return performance.now() - t0;
  } finally {
    await context.close();
  }
}

/** Swagger UI's page on the same server, until its operations are listed (it renders them from the document). */
async function swaggerRenders(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.locator('.opblock').first().waitFor({ state: 'visible', timeout: 60_000 });
    return performance.now() - t0;
  } finally {
    await context.close();
  }
}

async function renderVersusSwagger(browser: Browser, url: string): Promise<Figure> {
  const console_: number[] = [];
  const swagger: number[] = [];
  for (const _ of range(RENDERS)) {
    console_.push(await signInPageRenders(browser, `${url}/console/login`));
    swagger.push(await swaggerRenders(browser, `${url}/docs`));
  }
  const figure: Figure = {
    section: 'console',
    baseline: { label: 'Swagger UI /docs render (median)', value: percentile(swagger, 50), unit: 'ms', note: `${RENDERS} fresh contexts` },
    measured: { label: 'console sign-in render (median)', value: percentile(console_, 50), unit: 'ms', note: `p90 ${percentile(console_, 90).toFixed(0)} ms` },
    ratioLabel: 'console ÷ Swagger UI',
  };
  printFigure(figure);
  return figure;
}

/** What a first visit downloads (index.html, its entry script, the chunks it preloads, its styles) and the whole build, gzip. */
function bundleSizes(): void {
  const dist = join(ROOT, 'dist', 'console');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const firstVisit = ['index.html', ...[...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+)"/g)].map((m) => m[1]!)];
  const all = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`);
  const kb = (files: string[]) => (files.reduce((n, f) => n + gz(f), 0) / 1024).toFixed(1);
  printLine('context', 'console first visit, gzip', `${kb(firstVisit)} kB (${firstVisit.length} files)`);
  printLine('context', 'console whole build, gzip', `${kb(all)} kB (${all.length} files; pages load as visited)`);
}
