// The cluster the activation tests render: fixed inputs so goldens are repeatable.

import type { ClusterShape } from "../../src/seed/cluster_shape.ts";

/** A stand-in CA: the renderers copy it, they never parse it. */
export const FAKE_CA_PEM = "-----BEGIN CERTIFICATE-----\n" +
  "MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwprdWJlcm5l\n" +
  "-----END CERTIFICATE-----\n";

/** The test cluster at a given Kubernetes version. */
export function shapeAt(kubernetesVersion: string, overrides: Partial<ClusterShape> = {}) {
  const shape: ClusterShape = {
    kubernetesVersion,
    clusterName: "test-1",
    controlPlaneEndpoint: "127.0.0.1:20001",
    podSubnet: "192.168.0.0/16",
    serviceSubnet: "10.128.0.0/12",
    dnsDomain: "cluster.local",
    caCertificatePem: FAKE_CA_PEM,
    now: new Date("2026-01-02T03:04:05Z"),
    ...overrides,
  };
  return shape;
}
