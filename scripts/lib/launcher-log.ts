/** The launcher's one combined log: `HH:MM:SS [name] text`, pino JSON lines made readable. */
const COLOURS = [36, 35, 33, 32, 34, 31, 96, 95];
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const assigned = new Map<string, number>();

function paint(code: number, text: string): string {
  return useColour ? `\x1b[${code}m${text}\x1b[0m` : text;
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg']);

/** pino JSON → `WARN message key=value …`; anything else unchanged. */
export function formatLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (typeof record.msg !== 'string' || typeof record.level !== 'number') return line;
    const level = LEVELS[record.level] ?? String(record.level);
    const extras = Object.entries(record)
      .filter(([key]) => !HIDDEN.has(key))
      .map(([key, value]) => {
        if (key === 'err' && value && typeof value === 'object') {
          const err = value as { message?: string; stack?: string };
          return `err=${JSON.stringify(err.message ?? '')}${(record.level as number) >= 50 && err.stack ? `\n${err.stack}` : ''}`;
        }
        return `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
      });
    return [level === 'info' ? '' : level, record.msg, ...extras].filter(Boolean).join(' ');
  } catch {
    return line;
  }
}

export function logLine(name: string, text: string): void {
  if (!assigned.has(name)) assigned.set(name, COLOURS[assigned.size % COLOURS.length]!);
  const time = new Date().toTimeString().slice(0, 8);
  const prefix = paint(assigned.get(name)!, `[${name}]`.padEnd(11));
  for (const line of formatLine(text).split('\n')) process.stdout.write(`${paint(90, time)} ${prefix} ${line}\n`);
}

export function logger(name: string): (text: string) => void {
  return (text) => logLine(name, text);
}
