// The one error type of src/config: a message fit to print before exiting.

/** A bad flag, env var, config file or command; the message names where the value came from. */
export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConfigError";
  }
}
