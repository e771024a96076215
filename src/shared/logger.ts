/** Structured JSON logging, below every layer that logs. */
import { correlationId } from './correlation';

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
      // Inside a turn every line names it (see correlation.ts); outside one the field is left out.
      const turn = correlationId();
      const entry = {
        time: new Date().toISOString(),
        level: entryLevel,
        event,
        correlationId: turn,
        ...fields,
      };
      write(`${JSON.stringify(entry)}\n`);
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function defaultWrite(line: string): void {
  process.stdout.write(line);
}
