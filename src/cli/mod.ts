// Public face of src/cli: the client subcommands that steer a running fkas.
export { CliError } from "./cli_args.ts";
export { CLIENT_COMMANDS, type ClientIo, runClientCommand } from "./client_commands.ts";
