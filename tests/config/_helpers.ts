// Shared test helpers: run parseCommandLine against in-memory env and files.
import assert from "node:assert/strict";
import { ConfigError, parseCommandLine } from "../../src/config/mod.ts";
import type { Command, Config } from "../../src/config/mod.ts";

/** What a test may vary about the outside world. */
export interface World {
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
  tty?: boolean;
}

/** Runs parseCommandLine with argv and a fake world. */
export function run(argv: string[], world: World = {}): Command {
  const files = world.files ?? {};
  return parseCommandLine({
    argv,
    env: world.env ?? {},
    readFile: (path) => {
      if (path in files) return files[path];
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    },
    stdoutIsTerminal: world.tty ?? false,
  });
}

/** Runs parseCommandLine and returns the Config of the serve command it must produce. */
export function serve(argv: string[], world: World = {}): Config {
  const command = run(argv, world);
  assert.equal(command.kind, "serve");
  return command.config;
}

/** Asserts that argv in world fails with a ConfigError whose message contains every fragment. */
export function fails(argv: string[], world: World, ...fragments: string[]): ConfigError {
  try {
    run(argv, world);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    assert.match(error.message, /^Cannot start: /);
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), error.message);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(argv)} to fail`);
}
