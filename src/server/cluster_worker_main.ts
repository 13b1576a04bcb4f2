// The module a `--workers N` thread starts on: hands the parent port to `runClusterWorker`.

import type { HostMessage } from "../hosts/workers/mod.ts";
import { parentThread } from "../runtime/mod.ts";
import { type ClusterWorkerData, runClusterWorker } from "./cluster_worker.ts";

const parent = parentThread<HostMessage>();
if (parent) runClusterWorker(parent, parent.data as ClusterWorkerData);
