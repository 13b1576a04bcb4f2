// Start-up warnings for endpoints that hand out cluster credentials or APIs to a whole network.

import { type Config, isLoopbackIp } from "../config/mod.ts";

/** The settings the warnings look at. */
export type ExposureSettings = Pick<
  Config,
  "controlAddress" | "controlToken" | "listenHost" | "anonymousAuth"
>;

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

/**
 * Every start-up warning: the control API without a token beyond loopback (above), and cluster
 * listeners that take clients without certificates (`--anonymous-auth`) beyond loopback.
 */
export function exposureWarnings(settings: ExposureSettings, port: number): ExposureWarning[] {
  const warnings: ExposureWarning[] = [];
  const control = controlExposureWarning(settings, port);
  if (control) warnings.push(control);
  if (settings.anonymousAuth && !isLoopbackIp(settings.listenHost)) {
    warnings.push({
      message: "--anonymous-auth with cluster listeners beyond loopback: anyone who reaches " +
        "them can use every fake cluster's API without a client certificate.",
      fields: { listenHost: settings.listenHost },
    });
  }
  return warnings;
}
