// The start-up warning for a control API that hands out cluster credentials to a whole network.

import { type Config, isLoopbackIp } from "../config/mod.ts";

/** A warning to log once at start-up. */
export interface ExposureWarning {
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/**
 * Warns when the control API listens beyond loopback without a token: `GET .../kubeconfig` and
 * `.../ca-secrets` answer anyone who reaches it with admin credentials and CA private keys.
 * Undefined when a token is set or the address is loopback.
 */
export function controlExposureWarning(
  config: Pick<Config, "controlAddress" | "controlToken">,
  port: number,
): ExposureWarning | undefined {
  if (config.controlToken !== undefined || isLoopbackIp(config.controlAddress.host)) {
    return undefined;
  }
  const { host } = config.controlAddress;
  return {
    message: "THE CONTROL API HAS NO TOKEN and listens beyond loopback: anyone who reaches it " +
      "can fetch admin kubeconfigs and CA private keys of every fake cluster. Set " +
      "--control-token (FKAS_CONTROL_TOKEN) or a loopback --control-address.",
    fields: { control: host.includes(":") ? `[${host}]:${port}` : `${host}:${port}` },
  };
}
