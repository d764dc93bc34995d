import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../../../../libs/temporal/src/test-server-executable';

/** Where `npm run build` puts the console (apps/console → dist/console); CONSOLE_DIR overrides. */
export const consoleDir = (): string => process.env.CONSOLE_DIR ?? join(findRepoRoot(), 'dist', 'console');

/**
 * The web console (apps/console, React + Ant Design) as static files under /console: assets by file (cached for
 * a year: their names carry a content hash), any other path under /console answers the app's index.html so the
 * router can take deep links. API routes keep answering JSON. Without a built console nothing is served there.
 *
 * Written here rather than with @nestjs/serve-static: that module picks its loader when the DI container is
 * built, before a testing module (the e2e tests, the demo and the browser-test stack) has its HTTP adapter, and
 * then silently serves nothing.
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const dir = consoleDir();
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      new Logger('Console').warn(`no console build at ${dir} (npm run build makes it); /console is not served`);
      return;
    }
    const app = this.adapter.httpAdapter.getInstance<express.Express>();
    app.use('/console/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
    app.use('/console', express.static(dir, { index: false, maxAge: '5m' }));
    app.get(['/console', '/console/*path'], (_req: Request, res: Response) => res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } }));
  }
}
