// The dashboard in a real browser: headless Chromium (Debian `chromium`) driven by playwright-core
// against a running fkas: pages render real data, actions work, a large list stays responsive.
// FKAS_UPDATE_SCREENSHOTS=1 rewrites docs/dashboard-*.png (shown in the README).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";
import { startFkasProcess } from "./fkas_process.ts";

const CHROMIUM = ["chromium", "chromium-browser", "google-chrome"]
  .map((name) => spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim())
  .find((path) => path !== "");
const SCREENSHOTS = process.env.FKAS_UPDATE_SCREENSHOTS === "1";
const LOAD = Number(process.env.FKAS_BROWSER_CLUSTERS ?? 1000);
const DOCS = new URL("../../docs/", import.meta.url).pathname;

async function post(control: string, path: string, body: unknown, method = "POST") {
  const response = await fetch(`${control}${path}`, { method, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text;
}

describe("dashboard in Chromium", {
  skip: CHROMIUM === undefined && "no chromium on the PATH (apt-get install chromium)",
}, () => {
  it("lists clusters, opens one, adds and removes fault rules, stops its listener", async () => {
    const { chromium } = await import("playwright-core");
    const fkas = await startFkasProcess();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const { path: kubeconfig } = await fkas.activate("default", "demo", "demo-cp-1");
      await fkas.updateNode({ cluster: "demo", namespace: "default", nodeName: "demo-md-1" });
      for (const name of ["alpha", "beta"]) await fkas.register("team-a", name);
      await post(fkas.control, "/clusters/default/demo/faults", {
        id: "flaky-pods",
        verb: "list",
        resource: "pods",
        errorRate: 0.33,
        errorCode: 503,
      });
      // Traffic for the request columns and chart (kubectl is optional here).
      for (const args of [["get", "nodes"], ["get", "pods", "-A"], ["get", "ns"]]) {
        spawnSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { timeout: 20_000 });
      }
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${fkas.control}/ui`);
      await page.waitForSelector("#clusters tbody tr");
      assert.equal(await page.locator("#clusters tbody tr").count(), 3);
      assert.match(await page.locator("#overview").innerText(), /clusters\s*3/);
      assert.match(await page.locator("#overview").innerText(), /CPU\s*[\d.–]/);
      assert.match(await page.locator("#clusters").innerText(), /demo.*v1\.33\.1\s+serving\s+2\/2/);
      await page.fill("#search", "team-a");
      await page.waitForFunction(() =>
        document.querySelectorAll("#clusters tbody tr").length === 2
      );
      await page.fill("#search", "");
      await page.waitForFunction(() =>
        document.querySelectorAll("#clusters tbody tr").length === 3
      );
      if (SCREENSHOTS) await page.screenshot({ path: `${DOCS}dashboard-clusters.png` });

      await page.click("text=demo");
      await page.waitForSelector("#title");
      assert.match(await page.locator("#nodes").innerText(), /demo-cp-1[\s\S]*Ready=True/);
      assert.match(
        await page.locator("#nodes").innerText(),
        /demo-cp-1\s+v1\.33\.1\s+\S*control-plane:NoSchedule/,
      );
      assert.match(
        await page.locator("#boots").innerText(),
        /demo-cp-1\s+control-plane[^\n]*node \+[\d.]+ s → etcd \+[\d.]+ s → apiServer/,
      );
      assert.match(await page.locator("#boots").innerText(), /demo-md-1\s+worker[^\n]*node/);
      assert.match(
        await page.locator("#static-pods").innerText(),
        /kube-apiserver-demo-cp-1\s+demo-cp-1\s+Running\s+Ready/,
      );
      assert.match(await page.locator("#etcd").innerText(), /demo-cp-1\s+leader/);
      assert.match(await page.locator("#faults").innerText(), /flaky-pods\s+list\s+pods/);
      assert.match(await page.locator("#traffic").innerText(), /verb resource code/);
      await page.fill("#f-id", "typo");
      await page.fill("#f-resource", "pod");
      await page.fill("#f-code", "503");
      await page.click("#f-add");
      await page.waitForFunction(() =>
        /did you mean pods\?/.test(document.getElementById("f-error")?.textContent ?? "")
      );
      await page.fill("#f-resource", "pods");
      await page.click("#f-add");
      await page.waitForFunction(() =>
        /typo/.test(document.getElementById("faults")!.textContent!)
      );
      await page.click('[data-remove="flaky-pods"]');
      await page.waitForFunction(() =>
        !/flaky/.test(document.getElementById("faults")!.textContent!)
      );
      if (SCREENSHOTS) {
        await page.screenshot({ path: `${DOCS}dashboard-cluster.png`, fullPage: true });
      }
      await page.click("#stop");
      await page.waitForFunction(() =>
        document.getElementById("listener-state")?.textContent === "stopped"
      );
      const view = JSON.parse(await (await fetch(`${fkas.control}/clusters/default/demo`)).text());
      assert.equal(view.listener, "stopped");
      await page.click("#start");
      await page.waitForFunction(() =>
        document.getElementById("listener-state")?.textContent === "serving"
      );
    } finally {
      await browser.close();
      await fkas.stop();
    }
  });

  it(`a list of ${LOAD} clusters stays responsive (search and paging answered in time)`, async () => {
    const { chromium } = await import("playwright-core");
    const fkas = await startFkasProcess([`--ports=35000-${35000 + 2 * LOAD + 1000}`]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      for (let i = 0; i < LOAD; i += 50) {
        await Promise.all(
          Array.from(
            { length: Math.min(50, LOAD - i) },
            (_, j) => post(fkas.control, "/register", { namespace: "load", cluster: `c${i + j}` }),
          ),
        );
      }
      const page = await browser.newPage();
      await page.goto(`${fkas.control}/ui`);
      await page.waitForSelector("#clusters tbody tr");
      const started = performance.now();
      await page.fill("#search", `load/c${LOAD - 1}`);
      await page.waitForFunction(() =>
        document.querySelectorAll("#clusters tbody tr").length === 1
      );
      const searchMs = performance.now() - started;
      const nextStarted = performance.now();
      await page.fill("#search", "");
      await page.waitForFunction(() =>
        document.querySelectorAll("#clusters tbody tr").length === 100
      );
      await page.click("#next");
      await page.waitForFunction(() =>
        /^101–200 of/.test(document.getElementById("range")!.textContent!)
      );
      const pageMs = performance.now() - nextStarted;
      console.log(
        `dashboard with ${LOAD} clusters: search ${Math.round(searchMs)} ms, page ${
          Math.round(pageMs)
        } ms`,
      );
      assert.ok(searchMs < 2000 && pageMs < 3000, `search ${searchMs} ms, paging ${pageMs} ms`);
    } finally {
      await browser.close();
      await fkas.stop();
    }
  });
});
