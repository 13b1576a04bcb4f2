// The generated schema tables: the newest supported release whole, the older minors as deltas.
import { SCHEMA_V1_29 } from "./v1_29.ts";
import { SCHEMA_V1_30 } from "./v1_30.ts";
import { SCHEMA_V1_31 } from "./v1_31.ts";
import { SCHEMA_V1_32 } from "./v1_32.ts";
import { SCHEMA_V1_33 } from "./v1_33.ts";
import { SCHEMA_V1_34 } from "./v1_34.ts";
import { SCHEMA_V1_35 } from "./v1_35.ts";
import { SCHEMA_V1_36 } from "./v1_36.ts";

/** The base table: Kubernetes v1.36, the newest minor fkas has a table for. */
export const TABLE_BASE = SCHEMA_V1_36;

/** Older minors as what differs from the base, oldest first. */
export const TABLE_DELTAS = [
  SCHEMA_V1_29,
  SCHEMA_V1_30,
  SCHEMA_V1_31,
  SCHEMA_V1_32,
  SCHEMA_V1_33,
  SCHEMA_V1_34,
  SCHEMA_V1_35,
] as const;
