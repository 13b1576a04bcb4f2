// The module a `--workers N` thread starts on: hands the parent port to `runClusterWorker`.

import { type HostMessage, isUrgent } from "../hosts/workers/mod.ts";
import { parentThread } from "../runtime/mod.ts";
import { type ClusterWorkerData, runClusterWorker } from "./cluster_worker.ts";

// The worker's news (events, info lines) goes to the main thread once per turn, in one message.
const parent = parentThread<HostMessage>({ urgent: isUrgent });
if (parent) runClusterWorker(parent, parent.data as ClusterWorkerData);
