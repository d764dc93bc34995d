import { readdirSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/**
 * CPU time spent by PostgreSQL, by some processes of ours and by this Node process between two points, so a section
 * can say what one unit of work costs each side (Linux /proc; user + system). PostgreSQL's is its postmaster's own,
 * that of its live children (backends, background workers) and that of children already exited (cutime/cstime:
 * pgbench's backends end with it).
 */
export interface CpuMeter {
  /** Seconds of CPU since the meter was read last (or created): PostgreSQL, the processes given, this process. */
  read(): { postgres: number; processes: number; node: number };
}

const TICKS_PER_SECOND = 100; // USER_HZ: fixed at 100 on Linux whatever the kernel's HZ.

export async function cpuMeter(db: DataSource, pids: readonly number[] = []): Promise<CpuMeter> {
  // Any backend's parent is the postmaster (the data directory's postmaster.pid is not readable by the application's role).
  const [{ pid }] = await db.query(`SELECT pg_backend_pid() AS pid`);
  const postmaster = procStat(pid)?.ppid;
  if (!postmaster) throw new Error('PostgreSQL runs on another machine: its CPU cannot be read from /proc here');
  const sample = () => ({
    postgres: postgresTicks(postmaster) / TICKS_PER_SECOND,
    processes: pids.reduce((sum, pid) => sum + (procStat(pid)?.own ?? 0), 0) / TICKS_PER_SECOND,
    node: cpuSeconds(process.cpuUsage()),
  });
  let last = sample();
  return {
    read() {
      const now = sample();
      const delta = { postgres: now.postgres - last.postgres, processes: now.processes - last.processes, node: now.node - last.node };
      last = now;
      return delta;
    },
  };
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/** CPU seconds (user + system) a live process has used since it started; 0 once it has exited. */
export const processCpuSeconds = (pid: number) => (procStat(pid)?.own ?? 0) / TICKS_PER_SECOND;

interface ProcStat {
  ppid: number;
  own: number;
  exitedChildren: number;
}

function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited between listing and reading
  }
  // Fields after the command name (which may hold spaces and parentheses): state ppid … utime(14) stime(15) cutime(16) cstime(17).
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), exitedChildren: Number(f[13]) + Number(f[14]) };
}

function postgresTicks(postmaster: number): number {
  const root = procStat(postmaster);
  if (!root) throw new Error(`PostgreSQL's postmaster (pid ${postmaster}) is not running`);
  let ticks = root.own + root.exitedChildren;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmaster) continue;
    const s = procStat(pid);
    if (s?.ppid === postmaster) ticks += s.own;
  }
  return ticks;
}
