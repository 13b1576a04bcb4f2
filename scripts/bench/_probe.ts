// Sends one request of a class to fkas, to tell the classes it serves from those it does not yet.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Http1Connection, serializeRequest } from "./_http1_client.ts";
import type { LoadSpec } from "./load.ts";

/** The status of one request, and whether it was a 2xx. */
export async function probe(
  port: number,
  certDir: string,
  request: Pick<LoadSpec, "method" | "path" | "contentType" | "body">,
): Promise<{ ok: boolean; status: number; message?: string }> {
  const read = (name: string) => readFileSync(join(certDir, name), "utf8");
  const connection = await Http1Connection.connect({
    port,
    caPem: read("ca.crt"),
    certPem: read("client.crt"),
    keyPem: read("client.key"),
  });
  try {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (request.contentType) headers["Content-Type"] = request.contentType;
    const body = request.body?.replaceAll("{{n}}", "probe");
    const status = await connection.request(
      serializeRequest(request.method, request.path, headers, body),
    );
    const ok = status >= 200 && status < 300;
    // A Kubernetes Status says why; keep its message for the report.
    const message = /"message":\s*"((?:[^"\\]|\\.){0,160})/.exec(
      connection.lastResponse.toString("utf8"),
    )?.[1];
    return { ok, status, message: ok ? undefined : message };
  } finally {
    connection.close();
  }
}
