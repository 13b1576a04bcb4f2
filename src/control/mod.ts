// The control API on :3333: FKAS's /register and /updateNode, plus cluster inspection.

export { type ControlAppOptions, createControlApp } from "./control_app.ts";
export { ControlError } from "./control_error.ts";
export { requireToken } from "./control_app.ts";
export type { ControlChangeListener } from "./control_change.ts";
export { parseFkasObject } from "./fkas_json.ts";
