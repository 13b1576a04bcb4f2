// One fkas process, wired: what main.ts starts and end-to-end tests start in-process.

export { type FkasServer, startFkas, workerCount } from "./fkas_server.ts";
export { type DataDirPlacement, placeDataDir } from "./data_dir_placement.ts";
