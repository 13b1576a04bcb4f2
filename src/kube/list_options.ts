// Reads list and watch query parameters (selectors, paging, resourceVersion, watch flags) strictly.

import type { ResourceType } from "../resources/mod.ts";
import {
  type FieldSelector,
  type LabelSelector,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from "../selectors/mod.ts";
import { StatusError } from "./status_error.ts";

// A resourceVersion is a uint64 (strconv.ParseUint in APIObjectVersioner): more digits are invalid.
const MAX_UINT64 = 2n ** 64n - 1n;

/** Validated `ListOptions` of a LIST or WATCH request. */
export interface ListOptions {
  readonly labelSelector: LabelSelector;
  readonly fieldSelector: FieldSelector;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
  readonly watch: boolean;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents?: boolean;
  readonly timeoutSeconds?: number;
}

/** Parses list/watch options; invalid values are 400 BadRequest with the apiserver's wording. */
export function parseListOptions(
  query: URLSearchParams,
  resource: ResourceType,
  watchPath = false,
): ListOptions {
  const get = (name: string) => query.get(name) ?? undefined;
  let labelSelector: LabelSelector;
  let fieldSelector: FieldSelector;
  try {
    labelSelector = parseLabelSelector(get("labelSelector") ?? "");
    fieldSelector = parseFieldSelector(get("fieldSelector") ?? "", resource.key, {
      namespaced: resource.namespaced,
    });
  } catch (error) {
    if (error instanceof SelectorError) throw StatusError.badRequest(error.message);
    throw error;
  }
  const resourceVersion = get("resourceVersion");
  if (
    resourceVersion !== undefined && resourceVersion !== "" &&
    (!/^\d+$/.test(resourceVersion) || BigInt(resourceVersion) > MAX_UINT64)
  ) {
    throw invalid("resourceVersion", resourceVersion, "must be a non-negative integer");
  }
  const resourceVersionMatch = get("resourceVersionMatch");
  if (
    resourceVersionMatch !== undefined && resourceVersionMatch !== "" &&
    resourceVersionMatch !== "NotOlderThan" && resourceVersionMatch !== "Exact"
  ) {
    throw invalid(
      "resourceVersionMatch",
      resourceVersionMatch,
      'supported values: "Exact", "NotOlderThan"',
    );
  }
  return {
    labelSelector,
    fieldSelector,
    limit: integer(get("limit"), "limit"),
    continue: get("continue") || undefined,
    resourceVersion,
    resourceVersionMatch: resourceVersionMatch || undefined,
    watch: watchPath || boolean(get("watch"), "watch"),
    allowWatchBookmarks: boolean(get("allowWatchBookmarks"), "allowWatchBookmarks"),
    sendInitialEvents: get("sendInitialEvents") === undefined
      ? undefined
      : boolean(get("sendInitialEvents"), "sendInitialEvents"),
    timeoutSeconds: integer(get("timeoutSeconds"), "timeoutSeconds"),
  };
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value)) throw invalid(name, value, "must be a non-negative integer");
  const number = Number(value);
  return number === 0 ? undefined : number;
}

function boolean(value: string | undefined, name: string): boolean {
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw StatusError.badRequest(`${name}: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

function invalid(field: string, value: string, detail: string): StatusError {
  return StatusError.badRequest(`${field}: Invalid value: "${value}": ${detail}`);
}
