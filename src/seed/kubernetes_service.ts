// The `default/kubernetes` Service and its Endpoints and EndpointSlice, as kube-apiserver keeps them.
//
// Sources (v1.29–v1.36 alike): pkg/controlplane/controller/kubernetesservice (the Service: first
// address of the service CIDR, port 443 named https to the API port, `component`/`provider`
// labels) and pkg/controlplane/reconcilers/{lease.go,endpointsadapter.go} (the Endpoints with
// `skip-mirror`, one subset of sorted apiserver IPs; the EndpointSlice mirrored from it by the
// apiserver itself, labelled only with the service name).

import type { KubeObject } from "../store/mod.ts";
import { indexedServiceIP } from "./service_ip.ts";

const NAME = "kubernetes";
const NAMESPACE = "default";

/** The `default/kubernetes` Service as stored after the apiserver's create (defaults filled). */
export function renderKubernetesService(serviceSubnet: string, apiServerPort: number): KubeObject {
  const clusterIP = indexedServiceIP(serviceSubnet, 1);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: NAME,
      namespace: NAMESPACE,
      labels: { component: "apiserver", provider: "kubernetes" },
    },
    spec: {
      clusterIP,
      clusterIPs: [clusterIP],
      internalTrafficPolicy: "Cluster",
      ipFamilies: [clusterIP.includes(":") ? "IPv6" : "IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: apiServerPort }],
      sessionAffinity: "None",
      type: "ClusterIP",
    },
    status: { loadBalancer: {} },
  };
}

/** `default/kubernetes` Endpoints: the apiservers' IPs (sorted, as the lease reconciler lists them). */
export function renderKubernetesEndpoints(
  ips: readonly string[],
  apiServerPort: number,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name: NAME,
      namespace: NAMESPACE,
      labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
    },
    subsets: [{
      addresses: [...ips].sort().map((ip) => ({ ip })),
      ports: [{ name: "https", port: apiServerPort, protocol: "TCP" }],
    }],
  };
}

/** `default/kubernetes` EndpointSlice as `endpointSliceFromEndpoints` derives it. */
export function renderKubernetesEndpointSlice(
  ips: readonly string[],
  apiServerPort: number,
): KubeObject {
  const sorted = [...ips].sort();
  const v6 = sorted.length > 0 && sorted.every((ip) => ip.includes(":"));
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: NAME,
      namespace: NAMESPACE,
      labels: { "kubernetes.io/service-name": NAME },
    },
    addressType: v6 ? "IPv6" : "IPv4",
    endpoints: sorted.filter((ip) => ip.includes(":") === v6).map((ip) => ({
      addresses: [ip],
      conditions: { ready: true },
    })),
    ports: [{ name: "https", port: apiServerPort, protocol: "TCP" }],
  };
}
