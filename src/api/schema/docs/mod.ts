// The generated OpenAPI docs tables: the newest release whole, the older minors as deltas.
import { DOCS_V1_29 } from "./v1_29.ts";
import { DOCS_V1_30 } from "./v1_30.ts";
import { DOCS_V1_31 } from "./v1_31.ts";
import { DOCS_V1_32 } from "./v1_32.ts";
import { DOCS_V1_33 } from "./v1_33.ts";
import { DOCS_V1_34 } from "./v1_34.ts";
import { DOCS_V1_35 } from "./v1_35.ts";
import { DOCS_V1_36 } from "./v1_36.ts";

/** The base docs: Kubernetes v1.36, the same release as the base schema table. */
export const DOCS_BASE = DOCS_V1_36;

/** Older minors as what differs from the base, oldest first. */
export const DOCS_DELTAS = [
  DOCS_V1_29,
  DOCS_V1_30,
  DOCS_V1_31,
  DOCS_V1_32,
  DOCS_V1_33,
  DOCS_V1_34,
  DOCS_V1_35,
] as const;
