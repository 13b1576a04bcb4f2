// A temporary directory for one test's files: made on first use, removed when the test is done.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onModuleEnd } from "./_module_end.ts";

/** The directories made and not removed yet: the module's end removes them (a failed `before`). */
const left = new Set<ScratchDir>();
onModuleEnd(() => {
  for (const dir of left) dir.remove();
});

/**
 * A directory under the system's temp dir named `<prefix>XXXXXX`, made when a file is first
 * written, removed by {@linkcode ScratchDir.remove} or, at the latest, when the test module ends.
 */
export class ScratchDir {
  readonly #prefix: string;
  #path: string | undefined;

  /** Nothing is made yet: a test that writes no file leaves nothing to remove. */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** The directory's path, made now if it is not there yet. */
  get path(): string {
    if (this.#path === undefined) {
      this.#path = mkdtempSync(join(tmpdir(), this.#prefix));
      left.add(this);
    }
    return this.#path;
  }

  /** Writes `text` to the file `name` in the directory and returns the file's path. */
  write(name: string, text: string): string {
    const path = join(this.path, name);
    writeFileSync(path, text);
    return path;
  }

  /** Removes the directory and what it holds; the next write makes a new one. */
  remove(): void {
    if (this.#path === undefined) return;
    rmSync(this.#path, { recursive: true, force: true });
    this.#path = undefined;
    left.delete(this);
  }
}
