import { spawn, type ChildProcess } from 'node:child_process';
import { logLine } from './launcher-log';

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  /** True once the launcher asked it to stop: its exit is then expected. */
  stopping: boolean;
  stop(timeoutMs?: number): Promise<void>;
}

function pipeLines(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) logLine(name, line);
    });
    stream?.on('end', () => buffer.trim() && logLine(name, buffer));
  }
}

/**
 * Starts a child in its own process group, so Ctrl-C reaches only the launcher, which then stops the
 * children in order (web and API first, the worker next, the servers last).
 */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Child {
  const proc = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  pipeLines(proc, name);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const child: Child = {
    name,
    process: proc,
    exited,
    stopping: false,
    async stop(timeoutMs = 15_000) {
      child.stopping = true;
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      signalGroup(proc, 'SIGINT');
      const timer = setTimeout(() => {
        logLine('herald', `${name} did not stop within ${timeoutMs / 1000}s; killing it`);
        signalGroup(proc, 'SIGKILL');
      }, timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return child;
}

export function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (!proc.pid) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // Already gone.
  }
}
