// mergeExpositions: one family header, samples of every thread, the same series summed.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergeExpositions } from "../../src/metrics/mod.ts";

const main = `# HELP fkas_clusters Number of registered fake clusters.
# TYPE fkas_clusters gauge
fkas_clusters 0
# HELP fkas_uptime_seconds Seconds since the metrics were set up.
# TYPE fkas_uptime_seconds gauge
fkas_uptime_seconds 12.5
`;
const worker = (clusters: number, cluster: string) =>
  `# HELP fkas_clusters Number of registered fake clusters.
# TYPE fkas_clusters gauge
fkas_clusters ${clusters}
# HELP fkas_uptime_seconds Seconds since the metrics were set up.
# TYPE fkas_uptime_seconds gauge
fkas_uptime_seconds 11
# HELP apiserver_request_total Counter of apiserver requests.
# TYPE apiserver_request_total counter
apiserver_request_total{cluster="${cluster}",code="200"} 3
`;

describe("mergeExpositions", () => {
  it("sums a series over threads, keeps first-wins families, and lists each family once", () => {
    const merged = mergeExpositions(
      [main, worker(3, "ns/a"), worker(4, "ns/b")],
      new Set(["fkas_uptime_seconds"]),
    );
    assert.equal(
      merged,
      `# HELP fkas_clusters Number of registered fake clusters.
# TYPE fkas_clusters gauge
fkas_clusters 7
# HELP fkas_uptime_seconds Seconds since the metrics were set up.
# TYPE fkas_uptime_seconds gauge
fkas_uptime_seconds 12.5
# HELP apiserver_request_total Counter of apiserver requests.
# TYPE apiserver_request_total counter
apiserver_request_total{cluster="ns/a",code="200"} 3
apiserver_request_total{cluster="ns/b",code="200"} 3
`,
    );
  });
});
