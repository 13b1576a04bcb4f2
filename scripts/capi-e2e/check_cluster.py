#!/usr/bin/env python3
"""Judges one CAPI cluster from `kubectl get -o json` dumps: prints what is not there yet, exit 1.

Usage: check_cluster.py CLUSTER.json KCP.json MDS.json MACHINES.json NODES.json CP WORKERS VERSION
Every check reads what CAPI's controllers wrote (v1beta2 conditions and counters) and the Nodes of
the fake cluster as its own API server serves them.
"""
import json
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def cond(obj, kind):
    for c in obj.get("status", {}).get("conditions", []) or []:
        if c.get("type") == kind:
            return c.get("status")
    return "missing"


def main():
    cluster, kcp, mds, machines, nodes = (load(p) for p in sys.argv[1:6])
    cp, workers, version = int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
    problems = []
    if cond(cluster, "Available") != "True":
        problems.append(f"Cluster Available={cond(cluster, 'Available')}")
    st = kcp.get("status", {})
    for field in ("replicas", "readyReplicas", "availableReplicas", "upToDateReplicas"):
        if st.get(field, 0) != cp:
            problems.append(f"KCP {field}={st.get(field, 0)} (want {cp})")
    for kind in ("Available", "MachinesUpToDate", "MachinesReady", "EtcdClusterHealthy"):
        if cond(kcp, kind) != "True":
            problems.append(f"KCP {kind}={cond(kcp, kind)}")
    total = {"replicas": 0, "readyReplicas": 0, "availableReplicas": 0, "upToDateReplicas": 0}
    for md in mds.get("items", []):
        for field in total:
            total[field] += md.get("status", {}).get(field, 0) or 0
    for field, value in total.items():
        if value != workers:
            problems.append(f"MachineDeployments {field}={value} (want {workers})")
    items = machines.get("items", [])
    if len(items) != cp + workers:
        problems.append(f"{len(items)} Machines (want {cp + workers})")
    for m in items:
        s = m.get("status", {})
        if s.get("phase") != "Running" or not s.get("nodeRef", {}).get("name"):
            problems.append(f"Machine {m['metadata']['name']} phase={s.get('phase')} nodeRef={s.get('nodeRef')}")
        if m.get("spec", {}).get("version") != version:
            problems.append(f"Machine {m['metadata']['name']} version={m.get('spec', {}).get('version')}")
    node_items = nodes.get("items", [])
    if len(node_items) != cp + workers:
        problems.append(f"{len(node_items)} Nodes in the fake cluster (want {cp + workers})")
    for n in node_items:
        name = n["metadata"]["name"]
        if cond(n, "Ready") != "True":
            problems.append(f"Node {name} Ready={cond(n, 'Ready')}")
        kubelet = n.get("status", {}).get("nodeInfo", {}).get("kubeletVersion")
        if kubelet != version:
            problems.append(f"Node {name} kubeletVersion={kubelet} (want {version})")
    if problems:
        print("; ".join(problems[:6]) + (f" (+{len(problems) - 6} more)" if len(problems) > 6 else ""))
        sys.exit(1)


main()
