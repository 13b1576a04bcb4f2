// The fkas command line: parse the configuration, start the servers, stop cleanly on a signal.

import packageJson from "./package.json" with { type: "json" };
import { CLIENT_COMMANDS, CliError, runClientCommand } from "./src/cli/mod.ts";
import { ConfigError, parseCommandLine } from "./src/config/mod.ts";
import { batchLines, createLogger } from "./src/log/mod.ts";
import {
  commandLineArgs,
  environment,
  exitProcess,
  hostName,
  onLauncherGone,
  onShutdownSignal,
  processId,
  readTextFile,
  runtimeName,
  startedByPackageScript,
  stdoutIsTerminal,
  writeStderr,
  writeStdout,
  writeTextFile,
} from "./src/runtime/mod.ts";
import { startFkas } from "./src/server/mod.ts";

async function main(): Promise<number> {
  const argv = commandLineArgs();
  if (CLIENT_COMMANDS.includes(argv[0])) return await client(argv);
  let command;
  try {
    command = parseCommandLine({
      argv,
      env: environment(),
      readFile: readTextFile,
      stdoutIsTerminal: stdoutIsTerminal(),
      hostname: hostName(),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    writeStderr(`${error.message}\n`);
    return 2;
  }
  if (command.kind === "help") {
    writeStdout(command.text);
    return 0;
  }
  if (command.kind === "version") {
    writeStdout(`fkas ${packageJson.version} (${runtimeName()})\n`);
    return 0;
  }
  const { config } = command;
  // Listen for signals before anything starts, so an early SIGTERM still shuts down cleanly.
  const shutdown = new Promise<string>((resolve) => {
    onShutdownSignal(resolve);
    // A shell between a package manager and fkas does not pass SIGTERM on (see launcher_watch.ts):
    // under `npm start`, `bun run start` or `npx fkas`, the launchers vanishing is the signal.
    if (startedByPackageScript()) onLauncherGone(() => resolve("launcher exited"));
  });
  // Lines go out once per turn of the event loop (src/log/line_batch.ts); warnings and errors at once.
  const lines = batchLines(writeStdout, (flush) => setTimeout(flush, 0));
  flushBeforeExit = lines.flush;
  const log = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    write: (line, level) => lines.write(line, level === "warn" || level === "error"),
    now: () => new Date(),
  });
  const started = performance.now();
  let server;
  try {
    // Resolved here, beside main.ts: in a compiled binary every module is bundled into one whose
    // URL is the binary's, and the worker's entry is embedded under main.ts's directory.
    server = await startFkas(config, log, {
      workerModule: new URL("./src/server/cluster_worker_main.ts", import.meta.url),
    });
  } catch (error) {
    log.error("Cannot start fkas", { error });
    return 1;
  }
  log.info("fkas is serving", {
    version: packageJson.version,
    runtime: runtimeName(),
    pid: processId(),
    control: `${config.controlAddress.host}:${server.controlPort}`,
    advertiseHost: config.advertiseHost,
    ports: `${config.ports.min}-${config.ports.max}`,
    management: server.managementServer ?? "none",
    watch: config.watch,
    startupMs: Math.round(performance.now() - started),
  });
  const signal = await shutdown;
  log.info("shutting down", { signal });
  await server.close();
  log.info("stopped");
  return 0;
}

// `fkas clusters`, `fkas fault add ...`: a client of a running fkas's control API.
async function client(argv: string[]): Promise<number> {
  try {
    return await runClientCommand(argv, {
      fetch: (request) => fetch(request),
      env: environment(),
      stdout: writeStdout,
      writeFile: writeTextFile,
    });
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    writeStderr(`fkas: ${error.message}\n`);
    return 1;
  }
}

// The batched log lines still waiting when `main` returns.
let flushBeforeExit = () => {};
const code = await main();
flushBeforeExit();
exitProcess(code);
