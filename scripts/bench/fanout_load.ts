// The load side of scripts/bench/fanout.ts, run as its own process so that the watchers do not
// share fkas's process: opens the watches of a spec, says "ready", then answers each "report" line
// on stdin with the events counted so far, and exits on "exit" or when stdin closes.
// Usage: fanout_load.ts <spec as JSON>   (written by fanout.ts; see LoadSpec)
import http2 from "node:http2";
import https from "node:https";
import process from "node:process";
import { createInterface } from "node:readline";
import { CLIENT_GO_STREAM_WINDOW, useClientGoWindow } from "./_http2_client.ts";

/** What one load process opens. */
export interface LoadSpec {
  /** The cluster ports to watch, each given `watchers` watches. */
  ports: number[];
  watchers: number;
  /** "h1": one HTTP/1.1 connection per watch; "h2": one HTTP/2 session per `streamsPerSession` watches. */
  protocol: "h1" | "h2";
  streamsPerSession: number;
  protobuf: boolean;
  /** The request path of every watch. */
  path: string;
  tls: { ca: string; cert: string; key: string };
}

/** What a load process reports. */
export interface LoadReport {
  events: number;
  bytes: number;
  /** The wall clock (ms since the epoch) of the last chunk received. */
  lastEventAt: number;
  /** Watches whose stream ended or failed before "exit". */
  closedEarly: number;
}

const PROTOBUF = "application/vnd.kubernetes.protobuf";

/** Counts the events of one stream: JSON lines, or 4-byte length-prefixed frames. */
class EventCounter {
  events = 0;
  #skip = 0;
  #header = 0;
  #headerBytes = 0;
  constructor(private readonly protobuf: boolean) {}
  add(chunk: Uint8Array): void {
    if (!this.protobuf) {
      // indexOf, not a byte loop: the load shares the cores with the fkas it measures.
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) this.events++;
      return;
    }
    let at = 0;
    while (at < chunk.length) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, chunk.length - at);
        this.#skip -= n;
        at += n;
        continue;
      }
      this.#header = (this.#header * 256) + chunk[at++];
      if (++this.#headerBytes === 4) {
        this.#skip = this.#header;
        this.#header = this.#headerBytes = 0;
        this.events++;
      }
    }
  }
}

const counters: EventCounter[] = [];
const report: LoadReport = { events: 0, bytes: 0, lastEventAt: 0, closedEarly: 0 };
let exiting = false;

function counted(protobuf: boolean): (chunk: Uint8Array) => void {
  const counter = new EventCounter(protobuf);
  counters.push(counter);
  return (chunk) => {
    counter.add(chunk);
    report.bytes += chunk.length;
    report.lastEventAt = Date.now();
  };
}

const ended = () => {
  if (!exiting) report.closedEarly++;
};

function watchHttp1(spec: LoadSpec, port: number): Promise<void> {
  const onData = counted(spec.protobuf);
  return new Promise((resolve, reject) => {
    const request = https.request({
      host: "127.0.0.1",
      port,
      path: spec.path,
      ...spec.tls,
      agent: false,
      servername: "localhost",
      headers: { Accept: spec.protobuf ? PROTOBUF : "application/json" },
    }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`watch answered ${response.statusCode}`));
      response.on("data", onData);
      response.on("close", ended);
      resolve();
    });
    request.on("error", reject);
    request.end();
  });
}

function session(spec: LoadSpec, port: number): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const s = http2.connect(`https://localhost:${port}`, {
      host: "127.0.0.1",
      servername: "localhost",
      ...spec.tls,
      settings: { initialWindowSize: CLIENT_GO_STREAM_WINDOW },
    });
    s.once("connect", () => {
      useClientGoWindow(s);
      s.on("error", () => {});
      resolve(s);
    });
    s.once("error", reject);
  });
}

function watchHttp2(spec: LoadSpec, s: http2.ClientHttp2Session): Promise<void> {
  const onData = counted(spec.protobuf);
  return new Promise((resolve, reject) => {
    const stream = s.request({
      ":path": spec.path,
      accept: spec.protobuf ? PROTOBUF : "application/json",
    });
    stream.on("response", (headers) => {
      if (headers[":status"] !== 200) reject(new Error(`watch answered ${headers[":status"]}`));
      resolve();
    });
    stream.on("data", onData);
    stream.on("close", ended);
    stream.on("error", reject);
  });
}

async function open(spec: LoadSpec): Promise<void> {
  for (const port of spec.ports) {
    if (spec.protocol === "h1") {
      // A few at a time: hundreds of simultaneous TLS handshakes only queue up in fkas.
      for (let i = 0; i < spec.watchers; i += 16) {
        const n = Math.min(16, spec.watchers - i);
        await Promise.all(Array.from({ length: n }, () => watchHttp1(spec, port)));
      }
      continue;
    }
    for (let i = 0; i < spec.watchers; i += spec.streamsPerSession) {
      const s = await session(spec, port);
      const n = Math.min(spec.streamsPerSession, spec.watchers - i);
      await Promise.all(Array.from({ length: n }, () => watchHttp2(spec, s)));
    }
  }
}

const spec = JSON.parse(process.argv.at(-1)!) as LoadSpec;
await open(spec);
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line === "report") {
    report.events = counters.reduce((sum, c) => sum + c.events, 0);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else if (line === "exit") {
    exiting = true;
    process.exit(0);
  }
});
lines.on("close", () => {
  exiting = true;
  process.exit(0);
});
