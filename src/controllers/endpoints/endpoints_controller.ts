// Endpoints and EndpointSlices for Services with a selector, from the pods they select.

import type { KubeObject, StoreChange } from "../../store/mod.ts";
import { labelSelectorFromObject } from "../../selectors/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { controlledObjects, createWithGeneratedName } from "../controlled_objects.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { controllerRef } from "../pod_template/mod.ts";
import { generatedName } from "../scheduling/mod.ts";
import { sharedPart } from "../shared_parts.ts";
import { podAddresses, type ServicePort, targetPort } from "./service_endpoints.ts";

const PODS = "pods";
const SERVICES = "services";
const ENDPOINTS = "endpoints";
const SLICES = "discovery.k8s.io/endpointslices";
/** Labels of managed slices (discovery/v1 LabelManagedBy, LabelServiceName). */
const MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
const CONTROLLER_NAME = "endpointslice-controller.k8s.io";
const SERVICE_NAME = "kubernetes.io/service-name";

/**
 * For each Service with a selector: an Endpoints object (ready pods in `addresses`, others in
 * `notReadyAddresses`) and one IPv4 EndpointSlice owned by the Service, kept in step as pods
 * come, go and change readiness (pkg/controller/endpoint, pkg/controller/endpointslice). Services
 * without a selector are left to whoever writes their endpoints; slices hold every endpoint (no
 * 100-endpoint split).
 */
export class EndpointsController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing Service at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === SERVICES) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues a Service when it changes, or when a pod it selects (before or after) changes. */
  observe(change: StoreChange): void {
    const { object } = change;
    const namespace = object.metadata.namespace ?? "";
    if (change.resource === SERVICES) {
      this.#enqueue(namespace, object.metadata.name ?? "");
      return;
    }
    if (change.resource !== PODS) return;
    const services = this.context.options.resources(SERVICES);
    if (!services) return;
    for (const service of this.context.store.list(services, namespace)) {
      const selector = selectorOf(service);
      if (!selector) continue;
      const matches = labelSelectorFromObject({ matchLabels: selector });
      if (
        matches.matches(object.metadata.labels) || matches.matches(change.previous?.metadata.labels)
      ) {
        this.#enqueue(namespace, service.metadata.name ?? "");
      }
    }
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `endpoints/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const services = options.resources(SERVICES);
    const pods = options.resources(PODS);
    const endpoints = options.resources(ENDPOINTS);
    if (!services || !pods || !endpoints) return;
    const service = store.get(services, namespace, name);
    const selector = service && !service.metadata.deletionTimestamp
      ? selectorOf(service)
      : undefined;
    if (!service || !selector) {
      // The endpoints controller deletes the Endpoints of a Service that is gone.
      const stale = store.get(endpoints, namespace, name);
      if (!service && stale) writeIgnoringRace(() => store.delete(endpoints, namespace, name));
      return;
    }
    const matches = labelSelectorFromObject({ matchLabels: selector });
    const selected = store.list(pods, namespace).filter((p) => matches.matches(p.metadata.labels));
    const ports = (service.spec as { ports?: ServicePort[] }).ports ?? [];
    this.#writeEndpoints(service, selected, ports);
    this.#writeSlice(service, selected, ports);
  }

  #writeEndpoints(service: KubeObject, selected: KubeObject[], ports: ServicePort[]): void {
    const { store, options } = this.context;
    const endpoints = options.resources(ENDPOINTS)!;
    const addresses = podAddresses(selected);
    const entry = (a: (typeof addresses)[number]) => ({
      ip: a.ip,
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
      targetRef: a.targetRef,
    });
    const ready = addresses.filter((a) => a.ready).map(entry);
    const notReady = addresses.filter((a) => !a.ready).map(entry);
    const pod = selected[0];
    // Ports and labels are alike in every cluster running the same add-on (kube-dns): held once.
    const subsetPorts = sharedPart(ports.flatMap((p) => {
      const port = targetPort(p, pod);
      return port === undefined
        ? []
        : [{ ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? "TCP" }];
    }));
    const subsets = addresses.length === 0 || subsetPorts.length === 0 ? undefined : [{
      ...(ready.length > 0 ? { addresses: ready } : {}),
      ...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}),
      ports: subsetPorts,
    }];
    const namespace = service.metadata.namespace ?? "";
    const name = service.metadata.name ?? "";
    const current = store.get(endpoints, namespace, name);
    const labels = service.metadata.labels;
    const desired: KubeObject = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        ...(current?.metadata ?? { name, namespace }),
        ...(labels ? { labels: sharedPart({ ...labels }) } : {}),
      },
      ...(subsets ? { subsets } : {}),
    };
    if (!current) {
      writeIgnoringRace(() => store.create(endpoints, desired));
      return;
    }
    if (
      JSON.stringify(current.subsets) === JSON.stringify(desired.subsets) &&
      JSON.stringify(current.metadata.labels) === JSON.stringify(desired.metadata.labels)
    ) return;
    writeIgnoringRace(() => store.update(endpoints, desired));
  }

  #writeSlice(service: KubeObject, selected: KubeObject[], ports: ServicePort[]): void {
    const { store, options } = this.context;
    const slices = options.resources(SLICES);
    if (!slices) return;
    const uid = service.metadata.uid ?? "";
    const pod = selected[0];
    const endpoints = podAddresses(selected).map((a) => ({
      addresses: sharedPart([a.ip]),
      conditions: sharedPart({ ready: a.ready, serving: a.ready, terminating: false }),
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
      targetRef: a.targetRef,
    }));
    const slicePorts = sharedPart(ports.flatMap((p) => {
      const port = targetPort(p, pod);
      return port === undefined
        ? []
        : [{ name: p.name ?? "", port, protocol: p.protocol ?? "TCP" }];
    }));
    const [current, ...extra] = controlledObjects(this.context, uid, SLICES);
    for (const slice of extra) {
      writeIgnoringRace(() =>
        store.delete(slices, slice.metadata.namespace, slice.metadata.name ?? "")
      );
    }
    const name = service.metadata.name ?? "";
    const labels = sharedPart({
      ...service.metadata.labels,
      [MANAGED_BY]: CONTROLLER_NAME,
      [SERVICE_NAME]: name,
    });
    const body = {
      addressType: "IPv4",
      endpoints: endpoints.length > 0 ? endpoints : null,
      ports: slicePorts,
    };
    if (current) {
      const same = JSON.stringify([current.endpoints, current.ports, current.metadata.labels]) ===
        JSON.stringify([body.endpoints, body.ports, labels]);
      if (same) return;
      writeIgnoringRace(() =>
        store.update(slices, { ...current, metadata: { ...current.metadata, labels }, ...body })
      );
      return;
    }
    const random = options.random ?? Math.random;
    writeIgnoringRace(() =>
      createWithGeneratedName(this.context, SLICES, () => ({
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: {
          name: generatedName(`${name}-`, random),
          generateName: `${name}-`,
          namespace: service.metadata.namespace,
          labels,
          ownerReferences: [controllerRef(service, "v1", "Service")],
        },
        ...body,
      }))
    );
  }
}

function selectorOf(service: KubeObject): Record<string, string> | undefined {
  const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}
