// Starts fkas as a child process on the runtime running the tests, and talks to its control API.

import { spawn, spawnSync } from "node:child_process";
import process from "node:process";
import { parse } from "yaml";
import "./_kubectl_cache.ts";
import { ScratchDir } from "./_scratch_dir.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
/** How this test runtime runs main.ts. */
const RUNTIME_ARGS = "Deno" in globalThis ? ["run", "-A", MAIN] : [MAIN];

/** A running fkas child process. */
export interface FkasProcess {
  readonly control: string;
  /** The child's process id (for /proc readings). */
  readonly pid: number;
  readonly exited: Promise<number | null>;
  register(namespace: string, cluster: string): Promise<{ Host: string; Port: number }>;
  updateNode(body: Record<string, unknown>): Promise<void>;
  /** Writes the cluster's admin kubeconfig to a scratch file and returns its path and content. */
  kubeconfig(namespace: string, cluster: string): Promise<{ path: string; config: Kubeconfig }>;
  /** Registers a cluster, reports one control plane (listener up) and returns its kubeconfig. */
  activate(
    namespace: string,
    cluster: string,
    node?: string,
  ): Promise<{ path: string; config: Kubeconfig }>;
  /**
   * Writes a file for the test (a manifest, a certificate) beside the kubeconfigs and returns its
   * path; like them, it is removed when the process exits.
   */
  writeFile(name: string, text: string): string;
  /** Sends SIGTERM and waits for the exit (which removes the scratch files). */
  stop(): Promise<number | null>;
  output(): string;
}

/** The parts of a kubeconfig the tests read. */
export interface Kubeconfig {
  clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
  users: { user: { "client-certificate-data": string; "client-key-data": string } }[];
}

/** Runs `main.ts serve` with the given flags on this runtime; control API on an ephemeral port. */
export function startFkasProcess(flags: string[] = []): Promise<FkasProcess> {
  return startFkasCommand(process.execPath, RUNTIME_ARGS, { flags });
}

/** Options of {@linkcode startFkasCommand}. */
export interface StartFkasCommandOptions {
  /** Flags after the defaults (`serve` on an ephemeral control port, 127.0.0.1, JSON logs). */
  readonly flags?: string[];
  /** Working directory of the child; the test's own by default. */
  readonly cwd?: string;
}

/** Runs `command ...args serve` (e.g. a compiled fkas binary) like {@linkcode startFkasProcess}. */
export async function startFkasCommand(
  command: string,
  args: string[],
  { flags = [], cwd }: StartFkasCommandOptions = {},
): Promise<FkasProcess> {
  const base = 30000 + Math.floor(Math.random() * 300) * 100;
  const child = spawn(command, [
    ...args,
    "serve",
    "--control-address=127.0.0.1:0",
    `--ports=${base}-${base + 99}`,
    "--listen-host=127.0.0.1",
    "--log-format=json",
    ...flags,
  ], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // Kubeconfigs and the test's files; they serve this process only, so they go when it exits.
  const scratch = new ScratchDir("fkas-e2e-");
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      scratch.remove();
      resolve(code);
    })
  );
  const control = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"control":"([^"]+)"/.exec(output);
      if (match) resolve(`http://${match[1]}`);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => output += chunk.toString());
    exited.then((code) => reject(new Error(`fkas exited with ${code} before serving:\n${output}`)));
    // A start took 21 s at load 28 (six engineers on 2 cores): 30 s was too tight.
    setTimeout(() => reject(new Error(`fkas did not start in 60 s:\n${output}`)), 60_000);
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${control}${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text;
  };
  const fkas: FkasProcess = {
    control,
    pid: child.pid!,
    exited,
    register: async (namespace, cluster) =>
      JSON.parse(await call("POST", "/register", { namespace, cluster })),
    updateNode: async (body) => void await call("PUT", "/updateNode", body),
    kubeconfig: async (namespace, cluster) => {
      const text = await call("GET", `/clusters/${namespace}/${cluster}/kubeconfig`);
      const path = scratch.write(`${namespace}-${cluster}.kubeconfig`, text);
      return { path, config: parse(text) };
    },
    async activate(namespace, cluster, node = `${cluster}-cp-1`) {
      await fkas.register(namespace, cluster);
      await fkas.updateNode({
        cluster,
        namespace,
        nodeName: node,
        labels: { "cluster.x-k8s.io/control-plane": "" },
        k8sversion: "v1.33.1",
      });
      return await fkas.kubeconfig(namespace, cluster);
    },
    writeFile: (name, text) => scratch.write(name, text),
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
    output: () => output,
  };
  return fkas;
}

/** Runs the fkas command line to its end (help, errors, client subcommands) and returns its output. */
export function runFkas(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [...RUNTIME_ARGS, ...args], {
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts fkas with one activated cluster `default/<name>` (control plane `cp-1`); `kc` is its kubeconfig path. */
export async function startWithCluster(
  name: string,
  flags: string[] = [],
): Promise<{ fkas: FkasProcess; kc: string }> {
  const fkas = await startFkasProcess(flags);
  try {
    return { fkas, kc: (await fkas.activate("default", name, "cp-1")).path };
  } catch (error) {
    await fkas.stop();
    throw error;
  }
}
