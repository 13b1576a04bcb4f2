// The web dashboard on the control port: `/ui` (one page) and the compact routes it polls.

import { Hono } from "hono";
import { requireToken } from "../control/mod.ts";
import { type ClusterHost, HostError } from "../hosts/mod.ts";
import type { BootTimeline } from "./boot_timeline.ts";
import { clusterDetail } from "./cluster_detail.ts";
import { clusterPage } from "./cluster_rows.ts";
import type { CpuUsage } from "./cpu_usage.ts";
import { overviewOf } from "./overview.ts";
import { PAGE_HTML } from "./page_html.ts";

/** What the dashboard reads: the clusters, the control token, the process's memory. */
export interface DashboardOptions {
  /** Where the clusters live. */
  readonly host: ClusterHost;
  /** When set, `/ui/api/*` needs it as the control API does; the page itself holds no data. */
  readonly token?: string;
  /** Resident memory of the process in bytes, for the overview. */
  readonly residentMemoryBytes?: () => number;
  /** Cores the process uses, read at each overview poll. */
  readonly cpu?: CpuUsage;
  /** Boot timelines of the latest machines (fed by the registry's lifecycle events). */
  readonly boots?: BootTimeline;
}

/**
 * Builds the dashboard: `GET /ui` (the page), `GET /ui/api/overview` (counts, polled every 2 s),
 * `GET /ui/api/clusters?search=&listener=&only=&offset=&limit=` (one page of rows) and, per
 * cluster, `.../traffic` (requests by minute) and `.../detail` (static pods, boot timelines). Actions
 * on the page are calls to the documented control API, not routes of their own.
 */
export function createDashboardApp(options: DashboardOptions): Hono {
  const app = new Hono();
  app.get("/ui", (c) => c.html(PAGE_HTML));
  if (options.token) app.use("/ui/api/*", requireToken(options.token));
  app.get(
    "/ui/api/overview",
    async (c) =>
      c.json(overviewOf(
        await options.host.summaries(),
        { rssBytes: options.residentMemoryBytes?.(), cpuCores: options.cpu?.cores() },
      )),
  );
  app.get("/ui/api/clusters", async (c) => {
    const number = (name: string, fallback: number) => {
      const value = Number(c.req.query(name));
      return Number.isSafeInteger(value) ? value : fallback;
    };
    const only = c.req.query("only");
    return c.json(
      await clusterPage(options.host, {
        search: c.req.query("search")?.slice(0, 253),
        listener: c.req.query("listener") || undefined,
        only: only === "booting" || only === "faults" ? only : undefined,
        offset: number("offset", 0),
        limit: number("limit", 100),
      }),
    );
  });
  app.get("/ui/api/clusters/:namespace/:name/detail", async (c) => {
    const ref = { namespace: c.req.param("namespace"), name: c.req.param("name") };
    try {
      return c.json(await clusterDetail(options.host, ref, options.boots));
    } catch (error) {
      if (!(error instanceof HostError) || error.kind !== "NotFound") throw error;
      return c.json({ error: `cluster ${ref.namespace}/${ref.name} not found` }, 404);
    }
  });
  // Counted where the cluster lives (this thread or its worker); a cluster not registered has none.
  app.get("/ui/api/clusters/:namespace/:name/traffic", async (c) => {
    const ref = { namespace: c.req.param("namespace"), name: c.req.param("name") };
    const summary = await options.host.summary(ref);
    const minutes = summary
      ? await options.host.command(ref, { kind: "trafficMinutes" }).catch(() => [])
      : [];
    return c.json({
      ...(summary?.traffic ?? { requestsPerSecond: 0, errorsPerSecond: 0, watches: 0 }),
      minutes,
    });
  });
  return app;
}
