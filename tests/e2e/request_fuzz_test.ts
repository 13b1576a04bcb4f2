// A seeded, time-bounded fuzz test of every request path: hostile paths, queries, bodies and patches
// to a cluster, hostile bodies to the control API. fkas must answer each without a 5xx, stay up, keep
// its memory bounded and leave the objects written before the fuzzing as they were.
// FKAS_FUZZ_SEED replays a run; FKAS_FUZZ_SECONDS sets its length (default 15 s per part).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { seededRandom } from "../../src/faults/mod.ts";
import { procStats } from "../../scripts/bench/_proc_stats.ts";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { rawRequest, type RawTarget, rawTargetOf } from "./_raw_https.ts";
import { fuzzControlBody, fuzzRequest, KEPT_NAMESPACE } from "./_fuzz_inputs.ts";

const SEED = Number(process.env.FKAS_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SECONDS = Number(process.env.FKAS_FUZZ_SECONDS ?? 15);
const CONCURRENCY = 4;
const RSS_GROWTH_MIB = 400;
const encoder = new TextEncoder();

/** Runs `body` from `CONCURRENCY` workers until `seconds` have passed. */
async function forSeconds(seconds: number, body: () => Promise<void>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let count = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      await body();
      count++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return count;
}

async function write(target: RawTarget, path: string, object: unknown): Promise<void> {
  const answer = await rawRequest(target, "POST", path, {
    headers: { "Content-Type": "application/json" },
    body: encoder.encode(JSON.stringify(object)),
  });
  assert.equal(answer.status, 201, answer.body);
}

async function keptObjects(target: RawTarget): Promise<string> {
  const answers = await Promise.all([
    rawRequest(target, "GET", `/api/v1/namespaces/${KEPT_NAMESPACE}/configmaps`),
    rawRequest(target, "GET", `/api/v1/namespaces/${KEPT_NAMESPACE}/secrets`),
    rawRequest(target, "GET", `/api/v1/namespaces/${KEPT_NAMESPACE}`),
  ]);
  for (const answer of answers) assert.equal(answer.status, 200, answer.body);
  return answers.map((answer) => {
    const value = JSON.parse(answer.body);
    delete value.metadata?.resourceVersion; // a list's resourceVersion is the store's, not its items'
    return JSON.stringify(value.items ?? value);
  }).join("\n");
}

describe(`fuzzing the request paths (seed ${SEED}, ${SECONDS} s per part)`, {
  skip: process.platform !== "linux" ? "reads /proc" : false,
}, () => {
  let fkas: FkasProcess;
  let target: RawTarget;
  let before_: string;
  let baselineRss = 0;
  let exitedEarly = false;

  before(async () => {
    fkas = await startFkasProcess();
    fkas.exited.then(() => exitedEarly = true);
    target = rawTargetOf((await fkas.activate("default", "fuzz")).config);
    await write(target, "/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: KEPT_NAMESPACE },
    });
    for (const name of ["a", "fuzz-1", "x"]) {
      const metadata = { name, namespace: KEPT_NAMESPACE, labels: { app: "fuzz" } };
      await write(target, `/api/v1/namespaces/${KEPT_NAMESPACE}/configmaps`, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata,
        data: { a: "b" },
      });
      await write(target, `/api/v1/namespaces/${KEPT_NAMESPACE}/secrets`, {
        apiVersion: "v1",
        kind: "Secret",
        metadata,
        data: { a: "Yg==" },
      });
    }
    before_ = await keptObjects(target);
    baselineRss = procStats(fkas.pid).rssMiB;
  });
  after(() => fkas?.stop());

  it("a cluster answers hostile requests without a 5xx", async () => {
    const random = seededRandom(SEED);
    const failures: string[] = [];
    const count = await forSeconds(SECONDS, async () => {
      const request = fuzzRequest(random);
      const answer = await rawRequest(target, request.method, request.target, {
        headers: request.headers,
        body: request.body,
        timeoutMs: 3_000,
      }).catch((error) => ({ status: -1, body: String(error), timedOut: false, head: "" }));
      // A server may answer and close before reading a whole body (as Go's does past 256 KiB):
      // the client then fails writing it. Anything else without an answer is a failure.
      const cutShort = answer.status < 0 && request.body.length > 0 &&
        /EPIPE|ECONNRESET/.test(answer.body);
      const unanswered = answer.status === 0 || (answer.status < 0 && !cutShort);
      if (answer.status >= 500 || unanswered) {
        failures.push(
          `${request.method} ${request.target.slice(0, 200)} (${
            request.headers["Content-Type"]
          }, ` +
            `${request.body.length} B) → ${answer.status} ${answer.body.slice(0, 200)}`,
        );
      }
    });
    assert.equal(exitedEarly, false, `fkas exited:\n${fkas.output().slice(-2000)}`);
    assert.ok(count > 50, `only ${count} requests in ${SECONDS} s`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${count} requests failed`);
  });

  it("the control API answers hostile bodies without a 5xx", async () => {
    const random = seededRandom(SEED + 1);
    const routes = [
      ["POST", () => "/register"],
      ["PUT", () => "/updateNode"],
      ["POST", (c: string) => `/clusters/fuzz/${c}/faults`],
      ["PUT", (c: string) => `/clusters/fuzz/${c}/nodes/${c}-n1/conditions/Ready`],
      ["GET", (c: string) => `/clusters/fuzz/${c}`],
      ["GET", () => "/clusters"],
      ["DELETE", (c: string) => `/clusters/fuzz/${c}`],
    ] as const;
    const failures: string[] = [];
    const count = await forSeconds(SECONDS / 2, async () => {
      const [method, path] = routes[Math.floor(random() * routes.length)];
      const cluster = `c${Math.floor(random() * 4)}`;
      const body = method === "GET" || method === "DELETE"
        ? undefined
        : fuzzControlBody(random, cluster);
      const response = await fetch(`${fkas.control}${path(cluster)}`, { method, body });
      const text = await response.text();
      if (response.status >= 500) {
        failures.push(
          `${method} ${path(cluster)} ${body?.slice(0, 200)} → ${response.status} ${text}`,
        );
      }
    });
    assert.equal(exitedEarly, false, `fkas exited:\n${fkas.output().slice(-2000)}`);
    assert.ok(count > 20, `only ${count} control requests`);
    assert.deepEqual(
      failures.slice(0, 10),
      [],
      `${failures.length} of ${count} control requests failed`,
    );
    assert.equal((await fetch(`${fkas.control}/healthz`)).status, 200);
  });

  it("memory stays bounded and the objects written before are unchanged", async () => {
    const rss = procStats(fkas.pid).rssMiB;
    assert.ok(
      rss - baselineRss < RSS_GROWTH_MIB,
      `RSS grew from ${baselineRss.toFixed(0)} to ${rss.toFixed(0)} MiB`,
    );
    assert.equal(await keptObjects(target), before_);
    const list = await rawRequest(target, "GET", "/api/v1/configmaps");
    assert.equal(list.status, 200, list.body);
    const watch = await rawRequest(
      target,
      "GET",
      "/api/v1/configmaps?watch=true&resourceVersion=1&timeoutSeconds=1",
    );
    assert.ok([200, 410].includes(watch.status), watch.head);
  });
});
