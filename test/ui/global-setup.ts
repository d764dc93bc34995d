import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/**
 * Starts scripts/ui-stack.ts (built: dist/scripts/ui-stack.js) and waits for its `UI_STACK {json}` line; the tests
 * read it from process.env.UI_STACK. Returns the teardown that stops the stack.
 */
export default async function globalSetup() {
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, [join(root, 'dist', 'scripts', 'ui-stack.js')], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', RATE_LIMIT_PUBLIC: 'off', RATE_LIMIT_COMMENTS: 'off', RATE_LIMIT_LOGIN: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('the UI stack did not start within 3 minutes')), 180_000);
    lines.on('line', (line) => {
      if (line.startsWith('UI_STACK ')) {
        clearTimeout(timer);
        resolve(line.slice('UI_STACK '.length));
      } else process.stderr.write(`[ui-stack] ${line}\n`);
    });
    child.on('exit', (code) => reject(new Error(`the UI stack exited with code ${code} before it was ready`)));
  });
  process.env.UI_STACK = ready;
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
}
