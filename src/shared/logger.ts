/** Structured JSON logging, below every layer that logs. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | undefined | null>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line. Callers pass named fields, never whole activities or Graph bodies, so tokens
 * and message text cannot leak in by accident.
 */
export function createJsonLogger(level: LogLevel, write: (line: string) => void = defaultWrite): Logger {
  const emit =
    (entryLevel: LogLevel) =>
    (event: string, fields: LogFields = {}): void => {
      if (RANK[entryLevel] < RANK[level]) return;
      // A turn's logger puts its correlationId first among the fields (withCorrelationId below).
      const entry = { time: new Date().toISOString(), level: entryLevel, event, ...fields };
      write(`${JSON.stringify(entry)}\n`);
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/**
 * A turn's logger: every line it writes, including those of work the turn leaves running (a background
 * post), names the turn, so one search finds its whole story next to Graph's request-id. Passed explicitly
 * rather than found through AsyncLocalStorage, whose promise hook costs every promise in the process ~9% CPU
 * on Node 20/22 (docs/decisions.md).
 */
export function withCorrelationId(logger: Logger, correlationId: string): Logger {
  const bound =
    (level: LogLevel) =>
    (event: string, fields?: LogFields): void =>
      logger[level](event, { correlationId, ...fields });
  return { debug: bound('debug'), info: bound('info'), warn: bound('warn'), error: bound('error') };
}

function defaultWrite(line: string): void {
  process.stdout.write(line);
}
