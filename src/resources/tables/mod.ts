// The generated catalog tables: the newest release whole, every older minor as a delta over it.

import type { CatalogTableDelta, CatalogTableSource } from "../catalog_table.ts";
import { CATALOG_V1_29 } from "./v1_29.ts";
import { CATALOG_V1_30 } from "./v1_30.ts";
import { CATALOG_V1_31 } from "./v1_31.ts";
import { CATALOG_V1_32 } from "./v1_32.ts";
import { CATALOG_V1_33 } from "./v1_33.ts";
import { CATALOG_V1_34 } from "./v1_34.ts";
import { CATALOG_V1_35 } from "./v1_35.ts";
import { CATALOG_V1_36 } from "./v1_36.ts";

/** The base table (the newest release). */
export const CATALOG_BASE: CatalogTableSource = CATALOG_V1_36;

/** Older minors, oldest first, as deltas over `CATALOG_BASE`. */
export const CATALOG_DELTAS: readonly CatalogTableDelta[] = [
  CATALOG_V1_29,
  CATALOG_V1_30,
  CATALOG_V1_31,
  CATALOG_V1_32,
  CATALOG_V1_33,
  CATALOG_V1_34,
  CATALOG_V1_35,
];
