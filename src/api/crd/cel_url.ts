// The Kubernetes CEL url library: url(), isURL() and the getters of a kubernetes.URL.
//
// Source: k8s.io/apiserver pkg/cel/library/urls.go (v0.35.0): `url` checks its argument with
// Go's url.ParseRequestURI (absolute URLs only) and keeps url.Parse's result (fragment cut off),
// failing with "URL parse error during conversion from string: <Go's error>"; `isURL` is
// ParseRequestURI's verdict; the getters answer Go's URL fields (go_url.ts). The value is a
// kubernetes.URL message holding the text, parsed again by each getter (a small cache keeps the
// parse of recent texts).

import {
  celFunc,
  celList,
  celMap,
  celMethod,
  CelScalar,
  listType,
  mapType,
  objectType,
} from "@bufbuild/cel";
import { create } from "@bufbuild/protobuf";
import { fields, URL_MESSAGE } from "./cel_kube_types.ts";
import {
  escapedPath,
  type GoUrl,
  hostname,
  parseRequestUri,
  parseUrl,
  port,
  query,
} from "./go_url.ts";

const URL_TYPE = objectType(URL_MESSAGE);
const PARSED_LIMIT = 1024;
const parsed = new Map<string, GoUrl>();

function toUrl(text: string) {
  const checked = parseRequestUri(text);
  if (typeof checked === "string") {
    throw new Error(`URL parse error during conversion from string: ${checked}`);
  }
  const url = parseUrl(text);
  if (typeof url === "string") {
    throw new Error(`URL parse error during conversion from string: ${url}`);
  }
  return create(URL_MESSAGE, { raw: text }) as never;
}

// The parsed URL of a kubernetes.URL value (made by url(), so it parses).
function urlOf(value: unknown): GoUrl {
  const raw: string = fields(value).raw ?? "";
  let url = parsed.get(raw);
  if (url === undefined) {
    const result = parseUrl(raw);
    url = typeof result === "string"
      ? { scheme: "", host: "", rawPath: "", path: "", rawQuery: "" }
      : result;
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(raw, url);
  }
  return url;
}

const QUERY_TYPE = mapType(CelScalar.STRING, listType(CelScalar.STRING));

/** The url library's functions. */
export const URL_FUNCS = [
  celFunc("url", [CelScalar.STRING], URL_TYPE, (s) => toUrl(s)),
  celFunc(
    "isURL",
    [CelScalar.STRING],
    CelScalar.BOOL,
    (s) => typeof parseRequestUri(s) !== "string",
  ),
  celMethod("getScheme", URL_TYPE, [], CelScalar.STRING, function () {
    return urlOf(this).scheme;
  }),
  celMethod("getHost", URL_TYPE, [], CelScalar.STRING, function () {
    return urlOf(this).host;
  }),
  celMethod("getHostname", URL_TYPE, [], CelScalar.STRING, function () {
    return hostname(urlOf(this));
  }),
  celMethod("getPort", URL_TYPE, [], CelScalar.STRING, function () {
    return port(urlOf(this));
  }),
  celMethod("getEscapedPath", URL_TYPE, [], CelScalar.STRING, function () {
    return escapedPath(urlOf(this));
  }),
  celMethod("getQuery", URL_TYPE, [], QUERY_TYPE, function () {
    const entries = [...query(urlOf(this))].map(([key, values]) => [key, celList(values)] as const);
    return celMap(new Map(entries)) as never;
  }),
];
