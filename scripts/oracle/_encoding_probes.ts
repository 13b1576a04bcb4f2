// Probes of how answers are encoded on the way out and what a failed write still says: gzip for
// answers over 128 KiB (responsewriters.SerializeObject), /openapi/v2 behind gziphandler, and
// the unknown-field warnings a failed write keeps.

import type { Probe } from "./_probes.ts";

// A namespace of their own: the oracle's is being deleted by the time they run.
const NS = "/api/v1/namespaces/oracle-encoding/configmaps";
const big = (name: string, size: number) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, labels: { probe: "encoding" } },
  data: { big: "x".repeat(size) },
});

/** Compression of long and short answers, by what the client's Accept-Encoding says. */
export const compression: Probe[] = [
  {
    name: "create namespace oracle-encoding",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: "oracle-encoding" } },
    setup: true,
  },
  {
    name: "create gzip-big",
    method: "POST",
    path: NS,
    body: big("gzip-big", 140_000),
    setup: true,
  },
  {
    name: "create gzip-mid",
    method: "POST",
    path: NS,
    body: big("gzip-mid", 120_000),
    setup: true,
  },
  { name: "get big gzip", method: "GET", path: `${NS}/gzip-big`, acceptEncoding: "gzip" },
  { name: "get big identity", method: "GET", path: `${NS}/gzip-big`, acceptEncoding: "br" },
  { name: "get big GZIP", method: "GET", path: `${NS}/gzip-big`, acceptEncoding: "GZIP" },
  { name: "get mid gzip", method: "GET", path: `${NS}/gzip-mid`, acceptEncoding: "gzip" },
  // By label: fkas's root CA publisher adds kube-root-ca.crt, which the lone oracle lacks.
  {
    name: "list big gzip",
    method: "GET",
    path: `${NS}?labelSelector=probe%3Dencoding`,
    acceptEncoding: "deflate, gzip",
  },
  { name: "openapi v2 gzip", method: "GET", path: "/openapi/v2", acceptEncoding: "GZIP" },
  { name: "openapi v2 q=0", method: "GET", path: "/openapi/v2", acceptEncoding: "gzip;q=0" },
  { name: "openapi v3 gzip", method: "GET", path: "/openapi/v3/api/v1", acceptEncoding: "gzip" },
];

/** Failed writes keep the warnings their bodies' decoding recorded. */
export const failedWriteWarnings: Probe[] = [
  {
    name: "create invalid unknown field",
    method: "POST",
    path: NS,
    body: { metadata: { name: "Bad_Name" }, foo: 1 },
  },
  {
    name: "create conflict unknown field",
    method: "POST",
    path: NS,
    body: { metadata: { name: "gzip-mid" }, foo: 1 },
  },
  {
    name: "create missing namespace unknown field",
    method: "POST",
    path: "/api/v1/namespaces/nope/configmaps",
    body: { metadata: { name: "x" }, foo: 1 },
  },
];
