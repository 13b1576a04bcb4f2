// Merges flags, env, the config file and defaults into one validated, deeply frozen Config.
import * as v from "valibot";
import { deepFreeze } from "../encoding/mod.ts";
import type { CommandLineInput, Config } from "./config.ts";
import { ConfigError } from "./config_error.ts";
import { readConfigFile } from "./config_file.ts";
import type { FileValues } from "./config_file.ts";
import { CONFIG_FILE_OPTION, OPTIONS } from "./options.ts";
import { cidrPrefix } from "./values.ts";
import type { AnyOption, DefaultContext } from "./options.ts";

type Input = Omit<CommandLineInput, "argv">;

/** A raw value and the place it came from, as error messages name it ("--ports", "FKAS_PORTS"). */
interface Found {
  readonly value: unknown;
  readonly source: string;
}

/** Builds the Config, taking each option from flag > env > config file > fallback env > default. */
export function resolveConfig(flags: ReadonlyMap<string, string>, input: Input): Config {
  const env = (name: string) => input.env[name] === "" ? undefined : input.env[name];
  const file = loadFile(flags, env, input.readFile);
  const config: Record<string, unknown> = {};
  const inPod = env("KUBERNETES_SERVICE_HOST") !== undefined;
  for (const option of OPTIONS) {
    const found = find(option, flags, env, file);
    const context = {
      stdoutIsTerminal: input.stdoutIsTerminal,
      inPod,
      resolved: config,
      hostname: input.hostname,
    };
    const value = found === undefined ? option.defaultValue(context) : validate(option, found);
    // Each option's check takes its own key's value, which `value` is after validate.
    const check = option.check as
      | ((value: unknown, context: DefaultContext) => string | undefined)
      | undefined;
    const problem = check?.(value, context);
    if (problem !== undefined) {
      throw new ConfigError(`Cannot start: ${found?.source ?? option.flag}: ${problem}`);
    }
    if (value !== undefined) config[option.key] = value;
  }
  checkNodeCidrs(config as Partial<Config>);
  return deepFreeze(config) as unknown as Config;
}

// kube-controller-manager refuses to start with node ranges that do not fit the cluster CIDR
// (nodeipam start-up) or that would make more than 2^16 of them (cidrset.NewCIDRSet).
function checkNodeCidrs({ clusterCidr, nodeCidrMaskSize }: Partial<Config>): void {
  if (clusterCidr === undefined || nodeCidrMaskSize === undefined) return;
  const prefix = cidrPrefix(clusterCidr);
  if (nodeCidrMaskSize < prefix) {
    throw new ConfigError(
      `Cannot start: --node-cidr-mask-size ${nodeCidrMaskSize} is shorter than --cluster-cidr ` +
        `${clusterCidr}: mask size of cluster CIDR must be less than or equal to ` +
        "--node-cidr-mask-size configured for CIDR family",
    );
  }
  if (nodeCidrMaskSize - prefix > 16) {
    throw new ConfigError(
      `Cannot start: --node-cidr-mask-size ${nodeCidrMaskSize} with --cluster-cidr ` +
        `${clusterCidr}: the node CIDR size is too big (at most 16 bits longer than the cluster's)`,
    );
  }
}

function loadFile(
  flags: ReadonlyMap<string, string>,
  env: (name: string) => string | undefined,
  readFile: (path: string) => string,
): { path: string; values: FileValues } | undefined {
  const { flag, env: envName } = CONFIG_FILE_OPTION;
  const [path, source] = flags.has(flag) ? [flags.get(flag), flag] : [env(envName), envName];
  if (path === undefined) return undefined;
  const keys = OPTIONS.map((o) => o.key);
  return { path, values: readConfigFile(path, source, readFile, keys) };
}

function find(
  option: AnyOption,
  flags: ReadonlyMap<string, string>,
  env: (name: string) => string | undefined,
  file: { path: string; values: FileValues } | undefined,
): Found | undefined {
  if (flags.has(option.flag)) return { value: flags.get(option.flag), source: option.flag };
  if (env(option.env) !== undefined) return { value: env(option.env), source: option.env };
  if (file?.values.has(option.key)) {
    return { value: file.values.get(option.key), source: `${file.path}: ${option.key}` };
  }
  // POD_IP comes after the file: it is a hint from the pod, the file is the operator's choice.
  const fallback = option.fallbackEnv;
  if (fallback !== undefined && env(fallback) !== undefined) {
    return { value: env(fallback), source: fallback };
  }
  return undefined;
}

function validate(option: AnyOption, { value, source }: Found): unknown {
  const result = v.safeParse(option.kind.schema, value);
  if (result.success) return result.output;
  const got = option.secret
    ? "got another value (not shown: it is a secret)"
    : `got ${JSON.stringify(value)}`;
  throw new ConfigError(`Cannot start: ${source}: expected ${option.kind.expected}, ${got}`);
}
