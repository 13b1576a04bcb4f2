// Reads list and watch query parameters (selectors, paging, resourceVersion, watch flags) strictly.

import type { ResourceType } from "../resources/mod.ts";
import {
  type FieldSelector,
  type LabelSelector,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from "../selectors/mod.ts";
import { validateWatchSpec } from "../watch/mod.ts";
import {
  forbidden,
  invalidOptions,
  notSupported,
  type OptionFieldError,
  queryBool,
} from "./options_invalid.ts";
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

/**
 * Parses list/watch options: values that do not decode are 400 BadRequest, options that decode
 * but contradict each other 422 Invalid (`ValidateListOptions`), both with the apiserver's wording.
 * `watchList`: the cluster's WatchList feature gate (`sendInitialEvents` on a watch).
 */
export function parseListOptions(
  query: URLSearchParams,
  resource: ResourceType,
  watchPath = false,
  watchList = true,
): ListOptions {
  const get = (name: string) => query.get(name) ?? undefined;
  let labelSelector: LabelSelector;
  let fieldSelector: FieldSelector;
  try {
    labelSelector = parseLabelSelector(get("labelSelector") ?? "");
    fieldSelector = parseFieldSelector(get("fieldSelector") ?? "", resource.key, {
      namespaced: resource.namespaced,
      selectableFields: resource.selectableFields,
    });
  } catch (error) {
    if (error instanceof SelectorError) throw StatusError.badRequest(error.message);
    throw error;
  }
  // Query decoding fails first (400), then ValidateListOptions (422), then storage (400).
  const limit = integer(get("limit"), "limit");
  const timeoutSeconds = integer(get("timeoutSeconds"), "timeoutSeconds");
  const resourceVersion = get("resourceVersion");
  const resourceVersionMatch = get("resourceVersionMatch");
  // `?watch=True` from the Python client is a watch, as any value but "0" and "false" is.
  const watch = queryBool(get("watch"));
  const sendInitialEvents = query.has("sendInitialEvents")
    ? queryBool(get("sendInitialEvents"))
    : undefined;
  const continueToken = get("continue");
  const errors = watch
    ? validateWatchSpec({
      resourceVersionMatch: resourceVersionMatch || undefined,
      sendInitialEvents,
    }, watchList)
    : validateList(
      resourceVersion ?? "",
      resourceVersionMatch ?? "",
      continueToken ?? "",
      sendInitialEvents,
    );
  if (watch && resourceVersionMatch && continueToken) {
    errors.push(
      forbidden(
        "resourceVersionMatch",
        "resourceVersionMatch is forbidden when continue is provided",
      ),
    );
  }
  if (errors.length > 0) throw invalidOptions("ListOptions", errors);
  if (
    resourceVersion !== undefined && resourceVersion !== "" &&
    (!/^\d+$/.test(resourceVersion) || BigInt(resourceVersion) > MAX_UINT64)
  ) {
    // storage's ParseResourceVersion: strconv.ParseUint's error as the field's detail.
    const why = /^\+?\d+$/.test(resourceVersion) ? "value out of range" : "invalid syntax";
    throw StatusError.badRequest(
      `invalid resource version: resourceVersion: Invalid value: ${
        JSON.stringify(resourceVersion)
      }: strconv.ParseUint: parsing ${JSON.stringify(resourceVersion)}: ${why}`,
    );
  }
  return {
    labelSelector,
    fieldSelector,
    limit,
    continue: continueToken || undefined,
    resourceVersion,
    resourceVersionMatch: resourceVersionMatch || undefined,
    watch: watchPath || watch,
    allowWatchBookmarks: queryBool(get("allowWatchBookmarks")),
    sendInitialEvents,
    timeoutSeconds,
  };
}

// The query conversion of an int64 parameter (Convert_Slice_string_To_int64: strconv.ParseInt,
// whose error is the 400's message). Zero and negative values set no limit or timeout.
function integer(value: string | undefined, _name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const why = !/^[+-]?\d+$/.test(value)
    ? "invalid syntax"
    : BigInt(value) > INT64_MAX || BigInt(value) < -INT64_MAX - 1n
    ? "value out of range"
    : undefined;
  if (why) {
    throw StatusError.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: ${why}`);
  }
  const number = Number(value);
  return number <= 0 ? undefined : number;
}

const INT64_MAX = 2n ** 63n - 1n;

// apimachinery `ValidateListOptions` for a list (the query's `watch` false, even on a deprecated
// `/watch/` path: kube-apiserver validates the decoded options before it routes to watch).
function validateList(
  resourceVersion: string,
  match: string,
  continueToken: string,
  sendInitialEvents: boolean | undefined,
): OptionFieldError[] {
  const errors: OptionFieldError[] = [];
  if (match !== "") {
    if (resourceVersion === "") {
      errors.push(forbidden(
        "resourceVersionMatch",
        "resourceVersionMatch is forbidden unless resourceVersion is provided",
      ));
    }
    if (continueToken !== "") {
      errors.push(forbidden(
        "resourceVersionMatch",
        "resourceVersionMatch is forbidden when continue is provided",
      ));
    }
    if (match !== "Exact" && match !== "NotOlderThan") {
      errors.push(notSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]));
    }
    if (match === "Exact" && resourceVersion === "0") {
      errors.push(forbidden(
        "resourceVersionMatch",
        'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
      ));
    }
  }
  if (sendInitialEvents !== undefined) {
    errors.push(forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
  }
  return errors;
}
