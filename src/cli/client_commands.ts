// `fkas clusters|cluster|kubeconfig|etcd-client-certificate|fault` against a running fkas's
// control API (--control, FKAS_CONTROL, http://127.0.0.1:3333; --token, FKAS_CONTROL_TOKEN).

import { stringify } from "yaml";
import { CliError, clusterRef, parseCliArgs } from "./cli_args.ts";
import { type ClusterRow, clusterTable, renderTable } from "./cluster_table.ts";

/** The client subcommands `main.ts` hands to {@linkcode runClientCommand}. */
export const CLIENT_COMMANDS: readonly string[] = [
  "clusters",
  "cluster",
  "kubeconfig",
  "etcd-client-certificate",
  "fault",
];

/** What a client command may touch: the network, output, files and the environment. */
export interface ClientIo {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly env: Record<string, string | undefined>;
  readonly stdout: (text: string) => void;
  readonly writeFile: (path: string, text: string, options: { private?: boolean }) => void;
}

const FAULT_FLAGS: Record<string, "string" | "number"> = {
  id: "string",
  verb: "string",
  resource: "string",
  "latency-ms": "number",
  "jitter-ms": "number",
  "error-rate": "number",
  "error-code": "number",
  "retry-after-seconds": "number",
  count: "number",
};

/** Runs one client command; resolves to the exit code. Throws CliError for bad usage or answers. */
export async function runClientCommand(argv: readonly string[], io: ClientIo): Promise<number> {
  const { words, options } = parseCliArgs(argv);
  const [command, ...rest] = words;
  const control = (options.control ?? io.env.FKAS_CONTROL ?? "http://127.0.0.1:3333")
    .replace(/\/+$/, "");
  const token = options.token ?? io.env.FKAS_CONTROL_TOKEN;
  const call = async (method: string, path: string, body?: unknown): Promise<string> => {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    let response: Response;
    try {
      response = await io.fetch(
        new Request(`${control}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    } catch (cause) {
      throw new CliError(`Cannot reach fkas at ${control}: ${(cause as Error).message}`, { cause });
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = JSON.parse(text).error ?? text;
      } catch { /* not JSON */ }
      throw new CliError(`${method} ${path}: ${response.status} ${message}`);
    }
    return text;
  };
  const output = options.output ?? "table";
  if (!["table", "json", "yaml"].includes(output)) {
    throw new CliError(`-o must be json or yaml, not ${output}`);
  }
  const print = (value: unknown, table: () => string) =>
    io.stdout(
      output === "json"
        ? JSON.stringify(value, null, 2) + "\n"
        : output === "yaml"
        ? stringify(value)
        : table(),
    );
  const path = (word: string | undefined) => {
    const { namespace, name } = clusterRef(word);
    return `/clusters/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  };

  switch (command) {
    case "clusters": {
      const { clusters, unreachable = [] } = JSON.parse(await call("GET", "/clusters")) as {
        clusters: ClusterRow[];
        unreachable?: { replica: number; url: string; error: string }[];
      };
      // With --peers, a replica that cannot be reached leaves its clusters out: say so, and fail.
      const missing = unreachable.map((replica) =>
        `replica ${replica.replica} (${replica.url}) is not listed: ${replica.error}\n`
      ).join("");
      print(clusters, () => clusterTable(clusters) + missing);
      return missing ? 1 : 0;
    }
    case "cluster": {
      const cluster = JSON.parse(await call("GET", path(rest[0])));
      print(cluster, () => stringify(cluster));
      return 0;
    }
    case "kubeconfig":
      io.stdout(await call("GET", `${path(rest[0])}/kubeconfig`));
      return 0;
    case "etcd-client-certificate": {
      const minted = JSON.parse(await call("GET", `${path(rest[0])}/etcd-client-certificate`));
      const dir = (options.dir ?? ".").replace(/\/+$/, "");
      io.writeFile(`${dir}/etcd-ca.crt`, minted.ca, {});
      io.writeFile(`${dir}/client.crt`, minted.cert, {});
      io.writeFile(`${dir}/client.key`, minted.key, { private: true });
      io.stdout(`wrote ${dir}/etcd-ca.crt ${dir}/client.crt ${dir}/client.key\n`);
      return 0;
    }
    case "fault":
      return await faultCommand(rest, options, { call, print, path });
  }
  throw new CliError(`unknown command ${command ?? ""}: use ${CLIENT_COMMANDS.join(", ")}`);
}

async function faultCommand(
  [action, target, id]: string[],
  options: Record<string, string>,
  { call, print, path }: {
    call: (method: string, path: string, body?: unknown) => Promise<string>;
    print: (value: unknown, table: () => string) => void;
    path: (word: string | undefined) => string;
  },
): Promise<number> {
  const base = `${path(target)}/faults`;
  if (action === "list") {
    const { faults } = JSON.parse(await call("GET", base)) as { faults: Record<string, unknown>[] };
    const columns = ["id", "verb", "resource", "latencyMs", "errorRate", "errorCode", "count"];
    print(faults, () =>
      renderTable(
        columns.map((c) => c.toUpperCase()),
        faults.map((f) =>
          columns.map((c) => String(f[c] ?? (c === "verb" || c === "resource" ? "*" : "")))
        ),
      ));
    return 0;
  }
  if (action === "add") {
    const rule: Record<string, string | number> = {};
    for (const [flag, value] of Object.entries(options)) {
      const kind = FAULT_FLAGS[flag];
      if (!kind) {
        if (["control", "token", "output"].includes(flag)) continue;
        throw new CliError(`fault add: unknown flag --${flag}`);
      }
      const key = flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
      const number = Number(value);
      if (kind === "number" && !Number.isFinite(number)) {
        throw new CliError(`--${flag} must be a number, not ${value}`);
      }
      rule[key] = kind === "number" ? number : value;
    }
    rule.id ??= `cli-${Date.now().toString(36)}`;
    print(JSON.parse(await call("POST", base, rule)), () => `fault ${rule.id} added\n`);
    return 0;
  }
  if (action === "clear") {
    await call("DELETE", id === undefined ? base : `${base}/${encodeURIComponent(id)}`);
    print({ cleared: id ?? "all" }, () => `cleared ${id ?? "all fault rules"}\n`);
    return 0;
  }
  throw new CliError(`fault: use add, list or clear, not ${action ?? "nothing"}`);
}
