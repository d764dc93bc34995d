import { defineConfig } from '@playwright/test';

/**
 * The console's browser tests (test/ui/*.pw.ts; jest never picks them up): Debian's Chromium driven by
 * @playwright/test (Playwright's own browser download cannot work here), one worker on a 2-core machine, against
 * the real API, worker, Temporal (time-skipping) and PostgreSQL that global-setup starts (scripts/ui-stack.ts).
 * `npm test` runs them after jest; `npx playwright test` alone needs `npm run build` first.
 */
export default defineConfig({
  testDir: 'test/ui',
  testMatch: '*.pw.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  globalSetup: './test/ui/global-setup.ts',
  outputDir: '.data/ui/results',
  reporter: [['list'], ['json', { outputFile: '.data/ui/report.json' }]],
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // The machine's network is closed: without these Chromium keeps opening refused connections (console-notes.md).
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
