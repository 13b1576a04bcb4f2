// Sends one probe to a server with the admin client certificate, TLS verification on.
import { Buffer } from "node:buffer";
import https from "node:https";
import { gunzipSync } from "node:zlib";
import type { Answer } from "./_diff.ts";
import type { Probe } from "./_probes.ts";
import type { Endpoint } from "./_servers.ts";

/** Sends `probe` to `endpoint` and reads the whole answer (JSON parsed when it is JSON). */
export function send(
  endpoint: Pick<Endpoint, "base" | "ca" | "cert" | "key">,
  probe: Probe,
): Promise<Answer> {
  const url = new URL(probe.path, endpoint.base);
  const body = probe.body === undefined
    ? undefined
    : typeof probe.body === "string"
    ? probe.body
    : JSON.stringify(probe.body);
  return new Promise<Answer>((resolve, reject) => {
    const request = https.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: probe.method,
      ca: endpoint.ca,
      cert: endpoint.cert,
      key: endpoint.key,
      headers: {
        accept: probe.accept ?? "application/json",
        "user-agent": probe.userAgent ?? "fkas-oracle/v0.0.0 (linux/amd64) kubernetes/none",
        ...(probe.acceptEncoding === undefined ? {} : { "accept-encoding": probe.acceptEncoding }),
        // A length, not chunks: Go's server leaves a chunked DELETE body unread on the connection.
        ...(body === undefined ? {} : {
          "content-type": probe.contentType ?? "application/json",
          "content-length": String(Buffer.byteLength(body)),
        }),
      },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        // A gzipped answer is compared by what it holds; its headers say it was gzipped.
        const bytes = Buffer.concat(chunks);
        const gzipped = response.headers["content-encoding"] === "gzip";
        const text = (gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // A watch: one JSON event per line, compared as a list of events.
          const lines = text.split("\n").filter((line) => line !== "");
          try {
            if (lines.length > 1) parsed = lines.map((line) => JSON.parse(line));
          } catch {
            // Not JSON (healthz, a plain-text error): compared as text.
          }
        }
        const header = (name: string) => {
          const value = response.headers[name];
          return typeof value === "string" ? value : undefined;
        };
        resolve({
          status: response.statusCode ?? 0,
          headers: Object.keys(response.headers).map((h) => h.toLowerCase()).sort(),
          contentType: String(response.headers["content-type"] ?? ""),
          body: parsed,
          format: typeof parsed === "string" ? "text" : bodyFormat(text),
          flow: [
            header("x-kubernetes-pf-flowschema-uid"),
            header("x-kubernetes-pf-prioritylevel-uid"),
          ],
          warnings: warningTexts(response.rawHeaders),
        });
      });
    });
    request.on("error", reject);
    request.setTimeout(
      20_000,
      () => request.destroy(new Error(`${probe.method} ${probe.path} timed out`)),
    );
    request.end(body);
  });
}

// The texts of every `Warning` field (`299 - "<text>"`, several per field when comma-joined).
function warningTexts(raw: string[]): string[] {
  const texts: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i].toLowerCase() !== "warning") continue;
    for (const m of raw[i + 1].matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)) {
      texts.push(m[1].replace(/\\(.)/g, "$1"));
    }
  }
  return texts;
}

// How JSON text is laid out, which the parsed comparison cannot see: indented or compact, and
// whether it ends with the encoder's newline.
function bodyFormat(text: string): string {
  const layout = /^[[{]\n {2}/.test(text) ? "indented" : "compact";
  return `${layout}${text.endsWith("\n") ? ", newline at the end" : ""}`;
}
