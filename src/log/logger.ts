// Structured logging: JSON lines for machines, short text lines for people at a terminal.

/** Severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Key/value context of a log line. */
export type LogFields = Record<string, unknown>;

/** A logger; fields are written as JSON keys or `key=value` pairs. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Creates a logger writing whole lines through `write`; time comes from `now`. */
export function createLogger(options: {
  level: LogLevel;
  format: "json" | "text";
  /** Writes one line; `level` lets a batching writer send warnings and errors at once. */
  write: (line: string, level: LogLevel) => void;
  now: () => Date;
}): Logger {
  const emit = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (RANK[level] < RANK[options.level]) return;
    const time = options.now().toISOString();
    options.write(
      options.format === "json"
        ? JSON.stringify({ time, level, msg: message, ...plain(fields) }) + "\n"
        : `${time} ${level.toUpperCase().padEnd(5)} ${message}${textFields(fields)}\n`,
      level,
    );
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

function plain(fields: LogFields): LogFields {
  const result: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    result[key] = value instanceof Error ? describeError(value) : value;
  }
  return result;
}

function describeError(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${describeError(error.cause)}` : "";
  return `${error.message}${cause}`;
}

function textFields(fields: LogFields): string {
  return Object.entries(plain(fields))
    .map(([key, value]) => ` ${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("");
}
