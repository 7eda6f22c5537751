import type { Logger, LogFields } from '../../src/index.js';

/** One line a recording logger was given: its level, its message and every field, its bindings' included. */
export interface LogLine extends LogFields {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
}

/** A pino-compatible logger that gives every line (at every level) to `keep`: `recordingLogger((line) => lines.push(line))`. */
export function recordingLogger(keep: (line: LogLine) => void, bindings: LogFields = {}): Logger {
  const write = (level: LogLine['level']) => (fields: LogFields, msg: string) => {
    keep({ ...bindings, ...fields, level, msg });
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => recordingLogger(keep, { ...bindings, ...more }),
  };
}
