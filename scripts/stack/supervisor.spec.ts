import { spawn } from 'node:child_process';
import { restartDelayMs, supervise } from './supervisor';

describe('supervisor: a crashed worker or API is started again, with backoff, and the rest keeps running (issue 9, item 7)', () => {
  it('doubles the delay after each quick failure, from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('starts a child that dies on its own again, logging why, and stops it for good on stop()', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
    const pids: number[] = [];
    // The first child exits with code 3 at once; the one started after it runs until stopped.
    const s = supervise('crashy', {
      launch: () => spawn(process.execPath, ['-e', pids.length ? 'setInterval(() => {}, 1000)' : 'process.exit(3)']),
      stopSignals: [['SIGTERM', 5000]],
      onStart: (c) => pids.push(c.pid!),
    });
    try {
      const until = Date.now() + 10_000;
      while (pids.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(pids).toHaveLength(2);
      expect(lines.join('')).toMatch(/crashy exited \(exit code 3\) after [\d.]+s: starting it again in 1s \(restart 1 in a row\)/);
      const second = s.child();
      await s.stop();
      expect(second.signalCode).toBe('SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
      expect(pids).toHaveLength(2); // not started again after stop()
    } finally {
      write.mockRestore();
      await s.stop();
    }
  });
});
