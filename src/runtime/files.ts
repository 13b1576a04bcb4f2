// Reading files (configuration, certificates) from disk.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Whether a file exists (and this process may see it). */
export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** Reads a UTF-8 file whole; rejects with "Cannot read path: reason" carrying the original `code`. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = error instanceof Error ? error.message : String(error);
    throw Object.assign(new Error(`Cannot read ${path}: ${reason}`, { cause: error }), { code });
  }
}

/** Writes a UTF-8 file whole, readable by its owner only when `private` (keys). */
export function writeTextFile(
  path: string,
  text: string,
  options: { private?: boolean } = {},
): void {
  writeFileSync(path, text, { mode: options.private ? 0o600 : 0o644 });
}
