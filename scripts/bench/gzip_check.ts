// CPU cost of the compression check every answer to a Go client (Accept-Encoding: gzip) pays:
// negotiating gzip and looking at the held body's length, on @hono/node-server's light Response
// as the listeners serve it. Prints ns per answer for a short answer (a GET's) and for none.
// Usage: npx --yes bun@1.4.5 scripts/bench/gzip_check.ts [--ops 2000000]
//        npx --yes deno@2.9.6 run -A scripts/bench/gzip_check.ts

import process from "node:process";
import { parseArgs } from "node:util";
import { getRequestListener } from "@hono/node-server";
import { jsonResponse, JsonText } from "../../src/kube/json_text.ts";
import { compressAnswer, negotiatesGzip } from "../../src/kube/response_compression.ts";

const { values } = parseArgs({ options: { ops: { type: "string", default: "2000000" } } });
const ops = Number(values.ops);
getRequestListener(() => new Response(null)); // installs the light Request/Response globals
const text = new JsonText(JSON.stringify({ kind: "Node", metadata: { name: "n".repeat(3000) } }));
const responses = Array.from({ length: 1024 }, () => jsonResponse(text));
const never = () => false;

function round(check: boolean): number {
  const started = process.cpuUsage();
  let kept = 0;
  for (let i = 0; i < ops; i++) {
    const response = responses[i & 1023];
    if (!check) {
      kept += response.status;
      continue;
    }
    if (negotiatesGzip("gzip")) {
      kept += compressAnswer(response, never, "https://x/api/v1/nodes/n") === response ? 1 : 0;
    }
  }
  const used = process.cpuUsage(started);
  if (kept === 0) console.log("?");
  return ((used.user + used.system) * 1000) / ops;
}

for (let r = 0; r < 5; r++) {
  console.log(
    `round ${r}: check ${round(true).toFixed(1)} ns, loop alone ${round(false).toFixed(1)} ns`,
  );
}
