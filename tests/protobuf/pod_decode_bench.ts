// Decode speed of the hand-built Pod: `npx --yes bun@1.4.5 tests/protobuf/pod_decode_bench.ts`
// (or `npx --yes deno@2.9.6 run tests/protobuf/pod_decode_bench.ts`).

import { decodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";
import { envelope } from "./_wire.ts";
import { podBody } from "./_pod_fixture.ts";

const body = envelope("v1", "Pod", podBody());
for (let i = 0; i < 20_000; i++) decodeKubernetesProtobuf(body); // warm-up
const iterations = 200_000;
const start = performance.now();
for (let i = 0; i < iterations; i++) decodeKubernetesProtobuf(body);
const seconds = (performance.now() - start) / 1000;
console.log(
  `Pod decode: ${body.length} bytes, ${Math.round(iterations / seconds)} ops/s ` +
    `(${(seconds / iterations * 1e6).toFixed(2)} µs/op)`,
);
