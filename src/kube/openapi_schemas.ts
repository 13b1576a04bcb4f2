// OpenAPI component schemas for the served kinds: complete top-level fields, loose nested objects.

import type { ResourceType } from "../resources/mod.ts";

/** An OpenAPI schema object as JSON. */
export type Schema = Record<string, unknown>;

/** Where shared apimachinery types live in the schema names: `${META}.ObjectMeta`. */
export const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

const string = (description: string): Schema => ({ type: "string", description });
const boolean = (description: string): Schema => ({ type: "boolean", description });
const integer = (description: string): Schema => ({
  type: "integer",
  format: "int64",
  description,
});
const time = (description: string): Schema => ({
  type: "string",
  format: "date-time",
  description,
});
const stringMap = (description: string): Schema => ({
  type: "object",
  additionalProperties: { type: "string", default: "" },
  description,
});
// Nested structures are not modelled: any object is accepted, as for a CRD without a schema.
const object = (description: string): Schema => ({
  type: "object",
  description,
  "x-kubernetes-preserve-unknown-fields": true,
});
const list = (description: string, items: Schema = object("")): Schema => ({
  type: "array",
  items,
  description,
});
const ref = (name: string, description: string): Schema => ({
  description,
  allOf: [{ $ref: `#/definitions/${name}` }],
});

const COMMON: Record<string, Schema> = {
  apiVersion: string(
    "APIVersion defines the versioned schema of this representation of an object.",
  ),
  kind: string("Kind is a string value representing the REST resource this object represents."),
};

const STATUS = object("Most recently observed status. Populated by the system. Read-only.");
const spec = (kind: string) => object(`Specification of the desired behavior of the ${kind}.`);

const NODE_SPEC: Schema = {
  type: "object",
  description: "NodeSpec describes the attributes that a node is created with.",
  properties: {
    configSource: object("Deprecated: previously used to specify the source of the config."),
    externalID: string("Deprecated. Not all kubelets will set this field."),
    podCIDR: string("PodCIDR represents the pod IP range assigned to the node."),
    podCIDRs: list("podCIDRs represents the IP ranges assigned to the node.", {
      type: "string",
      default: "",
    }),
    providerID: string("ID of the node assigned by the cloud provider: <ProviderName>://<ID>."),
    taints: list("If specified, the node's taints."),
    unschedulable: boolean("Unschedulable controls node schedulability of new pods."),
  },
};

const POD_SPEC_FIELDS = [
  "activeDeadlineSeconds integer",
  "affinity object",
  "automountServiceAccountToken boolean",
  "containers array",
  "dnsConfig object",
  "dnsPolicy string",
  "enableServiceLinks boolean",
  "ephemeralContainers array",
  "hostAliases array",
  "hostIPC boolean",
  "hostNetwork boolean",
  "hostPID boolean",
  "hostUsers boolean",
  "hostname string",
  "hostnameOverride string",
  "imagePullSecrets array",
  "initContainers array",
  "nodeName string",
  "nodeSelector map",
  "os object",
  "overhead object",
  "preemptionPolicy string",
  "priority integer",
  "priorityClassName string",
  "readinessGates array",
  "resourceClaims array",
  "resources object",
  "restartPolicy string",
  "runtimeClassName string",
  "schedulerName string",
  "schedulingGates array",
  "securityContext object",
  "serviceAccount string",
  "serviceAccountName string",
  "setHostnameAsFQDN boolean",
  "shareProcessNamespace boolean",
  "subdomain string",
  "terminationGracePeriodSeconds integer",
  "tolerations array",
  "topologySpreadConstraints array",
  "volumes array",
];

const POD_SPEC: Schema = {
  type: "object",
  description: "PodSpec is a description of a pod.",
  required: ["containers"],
  properties: Object.fromEntries(POD_SPEC_FIELDS.map((entry) => {
    const [name, type] = entry.split(" ");
    const description = `${name} of the pod.`;
    const schemas: Record<string, Schema> = {
      integer: integer(description),
      boolean: boolean(description),
      string: string(description),
      object: object(description),
      array: list(description),
      map: stringMap(description),
    };
    return [name, schemas[type]];
  })),
};

/** Top-level fields besides apiVersion, kind and metadata, per kind (complete, so validation can be strict). */
const FIELDS: Record<string, Record<string, Schema>> = {
  ConfigMap: {
    binaryData: {
      type: "object",
      additionalProperties: { type: "string", format: "byte" },
      description: "BinaryData contains the binary data.",
    },
    data: stringMap("Data contains the configuration data."),
    immutable: boolean("Immutable, if set to true, ensures that data stored cannot be updated."),
  },
  Endpoints: { subsets: list("The set of all endpoints is the union of all subsets.") },
  Event: {
    action: string("What action was taken/failed regarding to the Regarding object."),
    count: integer("The number of times this event has occurred."),
    eventTime: {
      type: "string",
      format: "date-time",
      description: "Time when this Event was first observed.",
    },
    firstTimestamp: time("The time at which the event was first recorded."),
    involvedObject: object("The object that this event is about."),
    lastTimestamp: time("The time at which the most recent occurrence of this event was recorded."),
    message: string("A human-readable description of the status of this operation."),
    reason: string("This should be a short, machine understandable string."),
    related: object("Optional secondary object for more complex actions."),
    reportingComponent: string("Name of the controller that emitted this Event."),
    reportingInstance: string("ID of the controller instance."),
    series: object("Data about the Event series this event represents."),
    source: object("The component reporting this event."),
    type: string("Type of this event (Normal, Warning)."),
  },
  Node: { spec: NODE_SPEC, status: object("Most recently observed status of the node.") },
  Pod: { spec: POD_SPEC, status: object("Most recently observed status of the pod.") },
  Secret: {
    data: {
      type: "object",
      additionalProperties: { type: "string", format: "byte" },
      description: "Data contains the secret data, base64 encoded.",
    },
    immutable: boolean("Immutable, if set to true, ensures that data stored cannot be updated."),
    stringData: stringMap("stringData allows specifying non-binary secret data in string form."),
    type: string("Used to facilitate programmatic handling of secret data."),
  },
  ServiceAccount: {
    automountServiceAccountToken: boolean("Whether pods running as this account mount a token."),
    imagePullSecrets: list("References to secrets for pulling images."),
    secrets: list("Secrets is a list of the secrets this service account may use."),
  },
  ClusterRole: {
    aggregationRule: object("Describes how to build the Rules for this ClusterRole."),
    rules: list("Rules holds all the PolicyRules for this ClusterRole."),
  },
  Role: { rules: list("Rules holds all the PolicyRules for this Role.") },
  ClusterRoleBinding: {
    roleRef: object("RoleRef can only reference a ClusterRole in the global namespace."),
    subjects: list("Subjects holds references to the objects the role applies to."),
  },
  RoleBinding: {
    roleRef: object("RoleRef can reference a Role in the current namespace or a ClusterRole."),
    subjects: list("Subjects holds references to the objects the role applies to."),
  },
  CSIDriver: { spec: spec("CSI Driver") },
  Lease: { spec: spec("Lease") },
  Eviction: { deleteOptions: object("DeleteOptions may be provided.") },
};

const DESCRIPTIONS: Record<string, string> = {
  Pod: "Pod is a collection of containers that can run on a host.",
  Node: "Node is a worker node in Kubernetes. Each node has a unique identifier in the cache.",
  Namespace: "Namespace provides a scope for Names.",
  Deployment: "Deployment enables declarative updates for Pods and ReplicaSets.",
  DaemonSet: "DaemonSet represents the configuration of a daemon set.",
  ConfigMap: "ConfigMap holds configuration data for pods to consume.",
  Secret: "Secret holds secret data of a certain type.",
};

const REQUIRED: Record<string, string[]> = {
  ClusterRoleBinding: ["roleRef"],
  RoleBinding: ["roleRef"],
  CSIDriver: ["spec"],
  CustomResourceDefinition: ["spec"],
  VolumeAttachment: ["spec"],
};

/** The schema name kube-apiserver uses for a kind: `io.k8s.api.core.v1.Pod`. */
export function schemaName(group: string, version: string, kind: string): string {
  if (group === "apiextensions.k8s.io") {
    return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${kind}`;
  }
  return `io.k8s.api.${group ? group.split(".")[0] : "core"}.${version}.${kind}`;
}

/** The object and list schemas of one resource, keyed by schema name. */
export function resourceSchemas(resource: ResourceType): Record<string, Schema> {
  const { group, version, kind } = resource;
  return {
    [schemaName(group, version, kind)]: kindSchema(group, version, kind),
    [schemaName(group, version, `${kind}List`)]: {
      type: "object",
      description: `${kind}List is a list of ${kind} objects.`,
      required: ["items"],
      properties: {
        ...COMMON,
        items: list(`Items is the list of ${kind} objects.`, {
          ...ref(schemaName(group, version, kind), ""),
          default: {},
        }),
        metadata: ref(`${META}.ListMeta`, "Standard list metadata."),
      },
      "x-kubernetes-group-version-kind": [{ group, version, kind: `${kind}List` }],
    },
  };
}

/** The schema of one kind: apiVersion, kind, metadata and the kind's own top-level fields. */
export function kindSchema(group: string, version: string, kind: string): Schema {
  return {
    type: "object",
    description: DESCRIPTIONS[kind] ?? `${kind} is a ${group || "core"}/${version} object.`,
    ...(REQUIRED[kind] ? { required: REQUIRED[kind] } : {}),
    properties: {
      ...COMMON,
      metadata: {
        ...ref(`${META}.ObjectMeta`, "Standard object's metadata."),
        default: {},
      },
      ...(FIELDS[kind] ?? { spec: spec(kind), status: STATUS }),
    },
    "x-kubernetes-group-version-kind": [{ group, version, kind }],
  };
}

/** The apimachinery types every group version document refers to. */
export function metaSchemas(): Record<string, Schema> {
  return {
    [`${META}.ObjectMeta`]: {
      type: "object",
      description: "ObjectMeta is metadata that all persisted resources must have.",
      properties: {
        annotations: stringMap("Annotations is an unstructured key value map."),
        creationTimestamp: ref(`${META}.Time`, "When this object was created."),
        deletionGracePeriodSeconds: integer("Seconds allowed for graceful termination."),
        deletionTimestamp: ref(`${META}.Time`, "When this resource will be deleted."),
        finalizers: {
          ...list("Must be empty before the object is deleted from the registry.", {
            type: "string",
            default: "",
          }),
          "x-kubernetes-list-type": "set",
          "x-kubernetes-patch-strategy": "merge",
        },
        generateName: string("Optional prefix used to generate a unique name."),
        generation: integer("A sequence number representing a specific generation."),
        labels: stringMap("Map of string keys and values to organize and categorize objects."),
        managedFields: list("Maps workflow-id and version to the set of fields it manages."),
        name: string("Name must be unique within a namespace."),
        namespace: string("Namespace defines the space within which each name must be unique."),
        ownerReferences: {
          ...list("List of objects depended by this object.", object("An OwnerReference.")),
          "x-kubernetes-list-map-keys": ["uid"],
          "x-kubernetes-list-type": "map",
          "x-kubernetes-patch-merge-key": "uid",
          "x-kubernetes-patch-strategy": "merge",
        },
        resourceVersion: string("An opaque value that represents the internal version."),
        selfLink: string("Deprecated: selfLink is a legacy read-only field."),
        uid: string("UID is the unique in time and space value for this object."),
      },
    },
    [`${META}.ListMeta`]: {
      type: "object",
      description: "ListMeta describes metadata that synthetic resources must have.",
      properties: {
        continue: string("Set if the user should be able to list more results."),
        remainingItemCount: integer("The number of subsequent items in the list."),
        resourceVersion: string("Identifies the server's internal version of this object."),
        selfLink: string("Deprecated: selfLink is a legacy read-only field."),
      },
    },
    [`${META}.Time`]: {
      type: "string",
      format: "date-time",
      description: "Time is a wrapper around time.Time, serialized in RFC 3339 form.",
    },
    [`${META}.Status`]: {
      type: "object",
      description: "Status is a return value for calls that don't return other objects.",
      properties: {
        ...COMMON,
        code: { type: "integer", format: "int32", description: "Suggested HTTP return code." },
        details: object("Extended data associated with the reason."),
        message: string("A human-readable description of the status of this operation."),
        metadata: ref(`${META}.ListMeta`, "Standard list metadata."),
        reason: string("A machine-readable description of why this operation failed."),
        status: string("Status of the operation: Success or Failure."),
      },
    },
    [`${META}.Patch`]: {
      type: "object",
      description: "Patch is provided to give a concrete name and type to the PATCH request body.",
    },
  };
}
