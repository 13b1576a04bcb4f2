// Structured logging for fkas.

export { createLogger, type LogFields, type Logger, type LogLevel } from "./logger.ts";
export { batchLines, type LineBatch } from "./line_batch.ts";
