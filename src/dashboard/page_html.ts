// The dashboard page: markup, style and script as one module, embedded in the binary (no CDN, no
// asset build). The script reads /ui/api/* and steers through the documented control API.

/** The whole `/ui` page. It holds no data: everything comes from token-protected routes. */
export const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fkas</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{background:#1d2433;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}
header a{color:#fff}main{padding:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.card{background:#fff;border:1px solid #dde;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e4e6eb;padding:4px 8px;text-align:left;white-space:nowrap}
th{background:#eef0f4}.serving{color:#11763b}.stopped{color:#b42318}.pending{color:#b54708}
.bar{display:flex;gap:8px;margin:8px 0;align-items:center}
section{background:#fff;border:1px solid #dde;border-radius:6px;padding:8px 12px;margin-bottom:12px}
button{cursor:pointer}.err{color:#b42318}
</style></head>
<body><header><strong>fkas</strong><a href="#/">clusters</a><span id="status"></span></header>
<main id="main">loading…</main>
<script type="module">
const main = document.getElementById("main");
const status = document.getElementById("status");
let timer;
const state = { search: "", listener: "", only: "", offset: 0, limit: 100 };
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
async function api(method, path, body) {
  const token = sessionStorage.getItem("fkas-token");
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    const entered = prompt("fkas control token");
    if (entered) { sessionStorage.setItem("fkas-token", entered); return api(method, path, body); }
  }
  const text = await response.text();
  if (!response.ok) throw new Error(response.status + " " + (JSON.parse(text || "{}").error ?? text));
  return response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
}
function download(name, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text]));
  a.download = name;
  a.click();
}
async function overview() {
  const o = await api("GET", "/ui/api/overview");
  const card = (label, value) => '<div class="card">' + label + "<b>" + esc(value) + "</b></div>";
  return '<div class="cards" id="overview">' + card("clusters", o.clusters) + card("serving", o.byListener.serving) +
    card("pending", o.byListener.pending) + card("stopped", o.byListener.stopped) + card("nodes", o.nodes) +
    card("booting", o.booting) + card("fault rules", o.faultRules) +
    card("requests/s", o.requestsPerSecond) + card("errors/s", o.errorsPerSecond) + card("watches", o.watches) +
    card("RSS", o.rssBytes ? Math.round(o.rssBytes / 1048576) + " MiB" : "–") +
    card("CPU", o.cpuCores === undefined ? "–" : o.cpuCores + " cores") + "</div>";
}
async function listView() {
  const q = new URLSearchParams({ ...state, offset: String(state.offset), limit: String(state.limit) });
  const [head, page] = await Promise.all([overview(), api("GET", "/ui/api/clusters?" + q)]);
  const rows = page.rows.map((r) => "<tr><td>" + esc(r.namespace) + '</td><td><a href="#/c/' + encodeURIComponent(r.namespace) + "/" +
    encodeURIComponent(r.name) + '">' + esc(r.name) + "</a></td><td>" + esc(r.server) + "</td><td>" + esc(r.kubernetesVersion) +
    '</td><td class="' + esc(r.listener) + '">' + esc(r.listener) + "</td><td>" + r.nodesReady + "/" + r.nodes + "</td><td>" + r.booting +
    "</td><td>" + r.requestsPerSecond + "</td><td>" + r.errorsPerSecond + "</td><td>" + r.watches +
    "</td><td>" + r.faults + "</td></tr>").join("");
  const focused = document.activeElement?.id;
  main.innerHTML = head + '<div class="bar"><input id="search" placeholder="namespace/name" value="' + esc(state.search) + '">' +
    '<select id="listener"><option value="">any listener</option><option>serving</option><option>pending</option><option>stopped</option></select>' +
    '<select id="only"><option value="">all</option><option value="booting">booting</option><option value="faults">with faults</option></select>' +
    '<button id="prev">‹</button><span id="range">' + (page.matched ? page.offset + 1 : 0) + "–" + (page.offset + page.rows.length) + " of " + page.matched +
    " (" + page.total + ' clusters)</span><button id="next">›</button></div>' +
    '<table id="clusters"><thead><tr><th>namespace</th><th>name</th><th>endpoint</th><th>version</th><th>listener</th><th>ready/nodes</th><th>booting</th><th>req/s</th><th>err/s</th><th>watches</th><th>faults</th></tr></thead><tbody>' +
    rows + "</tbody></table>";
  document.getElementById("listener").value = state.listener;
  document.getElementById("only").value = state.only;
  const search = document.getElementById("search");
  if (focused === "search") { search.focus(); search.setSelectionRange(search.value.length, search.value.length); }
  search.oninput = () => { state.search = search.value; state.offset = 0; render(); };
  document.getElementById("listener").onchange = (e) => { state.listener = e.target.value; state.offset = 0; render(); };
  document.getElementById("only").onchange = (e) => { state.only = e.target.value; state.offset = 0; render(); };
  document.getElementById("prev").onclick = () => { state.offset = Math.max(0, state.offset - state.limit); render(); };
  document.getElementById("next").onclick = () => { if (state.offset + state.limit < page.matched) { state.offset += state.limit; render(); } };
}
async function clusterView(ns, name) {
  const base = "/clusters/" + encodeURIComponent(ns) + "/" + encodeURIComponent(name);
  const [c, faults, traffic, detail] = await Promise.all([api("GET", base), api("GET", base + "/faults"),
    api("GET", "/ui/api" + base + "/traffic"), api("GET", "/ui/api" + base + "/detail")]);
  const totals = {};
  for (const m of traffic.minutes) for (const [k, n] of Object.entries(m.counts)) totals[k] = (totals[k] ?? 0) + n;
  const top = Object.entries(totals).sort((a, b) => b[1] - a[1]).slice(0, 15);
  const max = Math.max(1, ...top.map((t) => t[1]));
  const chart = top.map(([k, n]) => "<tr><td>" + esc(k) + '</td><td><div style="background:#5b7bd5;height:10px;width:' +
    Math.round(300 * n / max) + 'px"></div></td><td>' + n + "</td></tr>").join("");
  const nodes = c.nodes.map((n) => "<tr><td>" + esc(n.name) + "</td><td>" + esc(n.kubeletVersion) + "</td><td>" +
    esc((n.taints ?? []).map((t) => t.key + (t.value ? "=" + t.value : "") + ":" + t.effect).join(" ")) + "</td><td>" +
    n.conditions.map((x) => esc(x.type) + "=" + esc(x.status)).join(" ") +
    '</td><td><button data-flip="' + esc(n.name) + '">Ready=' + (n.conditions.some((x) => x.type === "Ready" && x.status === "True") ? "Unknown" : "True") + "</button></td></tr>").join("");
  const seconds = (from, at) => from === undefined ? "" : "+" + ((at - from) / 1000).toFixed(1) + " s";
  const boots = detail.boots.map((b) => "<tr><td>" + esc(b.node) + "</td><td>" + esc(b.role) + "</td><td>" +
    (b.reportedAt ? esc(new Date(b.reportedAt).toLocaleTimeString()) : "") + "</td><td>" +
    b.phases.map((p) => esc(p.phase) + " " + esc(seconds(b.reportedAt, p.at))).join(" → ") + "</td><td>" +
    (c.booting.includes(b.node) ? "booting" : "done") + "</td></tr>").join("");
  const pods = detail.staticPods.map((p) => "<tr><td>" + esc(p.name) + "</td><td>" + esc(p.node) + "</td><td>" + esc(p.phase) +
    "</td><td>" + (p.ready ? "Ready" : "not ready") + "</td></tr>").join("");
  const members = (c.etcd?.members ?? []).map((m) => "<tr><td>" + esc(m.name) + "</td><td>" + (m.name === c.etcd.leader ? "leader" : m.isLearner ? "learner" : "") +
    "</td><td>" + esc((m.alarms ?? []).join(" ")) + "</td></tr>").join("");
  const rules = faults.faults.map((f) => "<tr><td>" + esc(f.id) + "</td><td>" + esc(f.verb ?? "*") + "</td><td>" + esc(f.resource ?? "*") + "</td><td>" +
    esc(f.latencyMs ?? "") + "</td><td>" + esc(f.errorRate ?? "") + "</td><td>" + esc(f.errorCode ?? "") + '</td><td><button data-remove="' + esc(f.id) + '">remove</button></td></tr>').join("");
  main.innerHTML = "<h2 id=\\"title\\">" + esc(c.resourceName) + "</h2>" +
    "<section>" + esc(c.server) + " · " + esc(c.kubernetesVersion) + ' · listener <b id="listener-state" class="' + esc(c.listener) + '">' + esc(c.listener) + "</b> " +
    '<button id="stop">stop listener</button> <button id="start">start listener</button> ' +
    '<button id="kubeconfig">kubeconfig</button> <button id="etcdcert">etcd client certificate</button></section>' +
    '<section><h3>Nodes</h3><table id="nodes"><tr><th>name</th><th>version</th><th>taints</th><th>conditions</th><th></th></tr>' + nodes + "</table>" +
    "<p>booting: " + esc(c.booting.join(", ") || "none") + "</p></section>" +
    '<section><h3>Machine boots</h3><table id="boots"><tr><th>node</th><th>role</th><th>reported</th><th>phases done</th><th></th></tr>' + boots + "</table></section>" +
    '<section><h3>Static pods</h3><table id="static-pods"><tr><th>pod</th><th>node</th><th>phase</th><th></th></tr>' + pods + "</table></section>" +
    '<section><h3>Requests, last 5 minutes</h3><p>' + traffic.requestsPerSecond + " req/s · " + traffic.errorsPerSecond +
    " errors/s · " + traffic.watches + ' open watches</p><table id="traffic"><tr><th>verb resource code</th><th></th><th>count</th></tr>' + chart + "</table></section>" +
    '<section><h3>etcd</h3><table id="etcd"><tr><th>member</th><th>role</th><th>alarms</th></tr>' + members + "</table></section>" +
    '<section><h3>Fault rules</h3><table id="faults"><tr><th>id</th><th>verb</th><th>resource</th><th>latencyMs</th><th>errorRate</th><th>errorCode</th><th></th></tr>' + rules + "</table>" +
    '<div class="bar"><input id="f-id" placeholder="id"><input id="f-verb" placeholder="verb (*)"><input id="f-resource" placeholder="resource (*)">' +
    '<input id="f-latency" placeholder="latencyMs"><input id="f-rate" placeholder="errorRate 0-1"><input id="f-code" placeholder="errorCode">' +
    '<button id="f-add">add</button><span id="f-error" class="err"></span></div></section>';
  const act = (method, path, body) => api(method, path, body).then(render, (e) => { status.textContent = e.message; });
  document.getElementById("stop").onclick = () => act("POST", base + "/listener/stop");
  document.getElementById("start").onclick = () => act("POST", base + "/listener/start");
  document.getElementById("kubeconfig").onclick = async () => download(name + ".kubeconfig", await api("GET", base + "/kubeconfig"));
  document.getElementById("etcdcert").onclick = async () => {
    const m = await api("GET", base + "/etcd-client-certificate");
    download("etcd-ca.crt", m.ca); download("client.crt", m.cert); download("client.key", m.key);
  };
  for (const b of main.querySelectorAll("[data-remove]")) b.onclick = () => act("DELETE", base + "/faults/" + encodeURIComponent(b.dataset.remove));
  for (const b of main.querySelectorAll("[data-flip]")) {
    b.onclick = () => act("PUT", base + "/nodes/" + encodeURIComponent(b.dataset.flip) + "/conditions/Ready", { status: b.textContent.split("=")[1] });
  }
  document.getElementById("f-add").onclick = async () => {
    const rule = { id: document.getElementById("f-id").value };
    const text = (id, key) => { const v = document.getElementById(id).value; if (v) rule[key] = v; };
    const num = (id, key) => { const v = document.getElementById(id).value; if (v) rule[key] = Number(v); };
    text("f-verb", "verb"); text("f-resource", "resource"); num("f-latency", "latencyMs"); num("f-rate", "errorRate"); num("f-code", "errorCode");
    try { await api("POST", base + "/faults", rule); render(); } catch (e) { document.getElementById("f-error").textContent = e.message; }
  };
}
async function render() {
  clearTimeout(timer);
  const route = location.hash.match(/^#\\/c\\/([^/]+)\\/([^/]+)$/);
  try {
    if (route) await clusterView(decodeURIComponent(route[1]), decodeURIComponent(route[2]));
    else await listView();
    status.textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    status.textContent = e.message;
  }
  // Live without reloads: the list polls; the cluster page refreshes after each action.
  if (!route) timer = setTimeout(render, 2000);
}
addEventListener("hashchange", render);
render();
</script></body></html>
`;
