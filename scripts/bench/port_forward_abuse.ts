// Abuse check: what hostile port-forward clients cost fkas. Each case opens SPDY connections on a
// fresh fkas (loopback), sends one kind of abuse, and reports fkas's peak RSS and what the client
// got back. Bounded: four connections at most, 200 MiB of DATA at most.
// Usage: npx --yes bun@1.4.5 scripts/bench/port_forward_abuse.ts [--runtime bun|deno] [--case NAME]
import process from "node:process";
import tls from "node:tls";
import { parseArgs } from "node:util";
import {
  encodeFrame,
  encodeHeaderBlock,
  FrameType,
  SPDY_DICTIONARY,
  spdyHeaders,
} from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";
import type { PortForwardTarget } from "./_port_forward_client.ts";
import { startPortForwardFkas } from "./_port_forward_fkas.ts";
import { runtimeOption } from "./_options.ts";
import { procStats } from "./_proc_stats.ts";
import { currentRuntime } from "./_runtimes.ts";

const USAGE = `Usage: port_forward_abuse.ts [--runtime bun|deno] [--case NAME]
  --runtime   runtime of fkas (default: the one running this script)
  --case      one of: header-bomb, unpaired-flood, ping-flood (default: all)
  header-bomb     4 connections at once, each a SYN_STREAM whose 509 KB header block inflates to 512 MiB
  unpaired-flood  1 connection, a data stream never paired, 200 MiB of DATA in 32 KiB frames
  ping-flood      1 connection that never reads, 100 MiB of PINGs (8.7 million)`;

const MiB = 1 << 20;

/** Opens a TLS connection to the cluster and upgrades it to SPDY/3.1 for etcd-<node>. */
function upgraded(target: PortForwardTarget): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: "localhost",
      ca: target.caPem,
      cert: target.certPem,
      key: target.keyPem,
    }, () => {
      socket.write(
        `POST /api/v1/namespaces/kube-system/pods/etcd-${target.node}/portforward HTTP/1.1\r\n` +
          "Host: localhost\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n" +
          "X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n",
      );
    });
    let head = "";
    const onData = (chunk: Uint8Array) => {
      head += new TextDecoder("latin1").decode(chunk);
      if (!head.includes("\r\n\r\n")) return;
      socket.off("data", onData);
      if (head.startsWith("HTTP/1.1 101 ")) resolve(socket);
      else reject(new Error(`Cannot upgrade: ${head.split("\r\n")[0]}`));
    };
    socket.on("data", onData);
    socket.once("error", reject);
  });
}

/** A SYN_STREAM whose header block inflates to `mebibytes` MiB of zeros (repeated deflate output). */
async function bombFrame(streamId: number, mebibytes: number): Promise<Uint8Array> {
  const deflate = createHeaderCompression(SPDY_DICTIONARY);
  const zeros = new Uint8Array(MiB);
  const first = await deflate.compress(zeros);
  const next = await deflate.compress(zeros);
  deflate.close();
  const block = new Uint8Array(first.length + next.length * (mebibytes - 1));
  block.set(first);
  for (let i = 1; i < mebibytes; i++) block.set(next, first.length + (i - 1) * next.length);
  return encodeFrame({
    type: "syn_stream",
    streamId,
    associatedId: 0,
    priority: 0,
    slot: 0,
    flags: 0,
    headerBlock: block,
  });
}

/** What the client saw: frame types received (control frames by name), bytes, and whether fkas closed. */
function watch(socket: tls.TLSSocket) {
  const seen = { bytes: 0, closed: false, goaway: false, rstStatuses: [] as number[] };
  socket.on("data", (chunk: Uint8Array) => {
    seen.bytes += chunk.length;
    // Good enough for a report: look for GOAWAY and RST_STREAM headers at frame starts only.
    for (let at = 0; at + 8 <= chunk.length;) {
      const control = (chunk[at] & 0x80) !== 0;
      const type = (chunk[at + 2] << 8) | chunk[at + 3];
      const length = (chunk[at + 5] << 16) | (chunk[at + 6] << 8) | chunk[at + 7];
      if (control && type === FrameType.goaway) seen.goaway = true;
      if (control && type === FrameType.rstStream && at + 16 <= chunk.length) {
        seen.rstStatuses.push(new DataView(chunk.buffer, chunk.byteOffset + at + 12).getUint32(0));
      }
      at += 8 + length;
    }
  });
  socket.on("close", () => seen.closed = true);
  socket.on("error", () => {});
  return seen;
}

async function sampleRss(pid: number, ms: number): Promise<number> {
  let peak = 0;
  for (const end = performance.now() + ms; performance.now() < end;) {
    peak = Math.max(peak, procStats(pid).rssMiB);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return peak;
}

const synStream = (streamId: number, headers: Record<string, string>) =>
  createHeaderCompression(SPDY_DICTIONARY).compress(encodeHeaderBlock(spdyHeaders(headers)))
    .then((headerBlock) =>
      encodeFrame({
        type: "syn_stream",
        streamId,
        associatedId: 0,
        priority: 0,
        slot: 0,
        flags: 0,
        headerBlock,
      })
    );

/** Writes `chunk` `times` times, waiting for drain; stops when fkas closes or stops reading for 2 s. */
async function flood(socket: tls.TLSSocket, chunk: Uint8Array, times: number): Promise<number> {
  let sent = 0;
  for (let i = 0; i < times && !socket.destroyed; i++) {
    if (!socket.write(chunk)) {
      const drained = await Promise.race([
        new Promise((resolve) => socket.once("drain", () => resolve(true))),
        new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
      ]);
      if (!drained) break; // fkas no longer reads: TCP backpressure reached the client
    }
    sent += chunk.length;
  }
  return sent;
}

const CASES: Record<string, (target: PortForwardTarget, pid: number) => Promise<string>> = {
  async "header-bomb"(target, pid) {
    const frame = await bombFrame(1, 512);
    const sockets = await Promise.all([0, 1, 2, 3].map(() => upgraded(target)));
    const seen = sockets.map(watch);
    for (const socket of sockets) socket.write(frame);
    const peak = await sampleRss(pid, 4000);
    sockets.forEach((s) => s.destroy());
    return `4 × ${(frame.length / 1000).toFixed(0)} KB blocks: fkas peak RSS ${
      peak.toFixed(0)
    } MiB; ` +
      `GOAWAY on ${seen.filter((s) => s.goaway).length}/4, closed ${
        seen.filter((s) => s.closed).length
      }/4`;
  },
  async "unpaired-flood"(target, pid) {
    const socket = await upgraded(target);
    const seen = watch(socket);
    socket.write(await synStream(1, { streamtype: "data", port: "2379", requestid: "0" }));
    const data = encodeFrame({
      type: "data",
      streamId: 1,
      flags: 0,
      data: new Uint8Array(32 * 1024),
    });
    const sampling = sampleRss(pid, 6000);
    const sent = await flood(socket, data, 6400);
    const peak = await sampling;
    socket.destroy();
    return `${(sent / MiB).toFixed(0)} MiB of DATA sent: fkas peak RSS ${peak.toFixed(0)} MiB; ` +
      `RST_STREAM statuses ${JSON.stringify(seen.rstStatuses)}`;
  },
  async "ping-flood"(target, pid) {
    const socket = await upgraded(target);
    socket.pause(); // never read a reply
    const ping = encodeFrame({ type: "ping", id: 1 });
    const chunk = new Uint8Array(Math.floor(MiB / ping.length) * ping.length);
    for (let at = 0; at < chunk.length; at += ping.length) chunk.set(ping, at);
    const sampling = sampleRss(pid, 8000);
    const sent = await flood(socket, chunk, 100);
    const peak = await sampling;
    socket.destroy();
    return `${(sent / MiB).toFixed(0)} MiB of PINGs accepted before backpressure: fkas peak RSS ${
      peak.toFixed(0)
    } MiB`;
  },
};

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    help: { type: "boolean", short: "h" },
    runtime: { type: "string" },
    case: { type: "string" },
  },
});
if (values.help) {
  console.log(USAGE);
} else {
  const runtime = runtimeOption("runtime", values.runtime, currentRuntime);
  for (const name of values.case ? [values.case] : Object.keys(CASES)) {
    const run = CASES[name];
    if (!run) throw new RangeError(`Cannot run case '${name}': ${USAGE}`);
    const fkas = await startPortForwardFkas(runtime, 1);
    try {
      const before = procStats(fkas.pid).rssMiB;
      console.log(
        `${name} (fkas on ${runtime}, RSS ${before.toFixed(0)} MiB before): ${await run(
          fkas.targets[0],
          fkas.pid,
        )}`,
      );
    } finally {
      await fkas.stop();
    }
  }
}
