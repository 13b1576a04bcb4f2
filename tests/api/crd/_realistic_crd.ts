// A CRD shaped like the ones CNI add-ons bring (Cilium/Calico style): defaults, enums, patterns, list maps and CEL.

/** The schema of `widgets.example.com`, version v1. */
export const WIDGET_SCHEMA = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      required: ["mode"],
      "x-kubernetes-validations": [
        {
          rule: "self.minReplicas <= self.replicas",
          message: "minReplicas must not exceed replicas",
        },
        {
          rule: "!has(self.cidr) || self.cidr.matches('^[0-9./]+$')",
          messageExpression: "'bad cidr ' + self.cidr",
          fieldPath: ".cidr",
        },
      ],
      properties: {
        mode: { type: "string", enum: ["Strict", "Loose"] },
        replicas: { type: "integer", minimum: 0, maximum: 10, default: 1 },
        minReplicas: { type: "integer", default: 0 },
        name: { type: "string", maxLength: 8, pattern: "^[a-z]+$" },
        cidr: { type: "string", format: "cidr" },
        port: { "x-kubernetes-int-or-string": true },
        immutable: {
          type: "string",
          "x-kubernetes-validations": [{ rule: "self == oldSelf", message: "Value is immutable" }],
        },
        tags: {
          type: "array",
          items: { type: "string" },
          "x-kubernetes-list-type": "set",
          maxItems: 3,
        },
        ports: {
          type: "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          items: {
            type: "object",
            required: ["name"],
            properties: { name: { type: "string" }, port: { type: "integer" } },
          },
        },
        template: {
          type: "object",
          "x-kubernetes-embedded-resource": true,
          "x-kubernetes-preserve-unknown-fields": true,
        },
        extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        labels: { type: "object", additionalProperties: { type: "string" }, maxProperties: 2 },
      },
    },
    status: {
      type: "object",
      properties: { ready: { type: "boolean" }, replicas: { type: "integer" } },
    },
  },
};

/** The CRD object itself, with status and scale subresources. */
export function widgetCrd(schema: unknown = WIDGET_SCHEMA): Record<string, unknown> {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        additionalPrinterColumns: [
          { name: "Mode", type: "string", jsonPath: ".spec.mode" },
          { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
        ],
        subresources: {
          status: {},
          scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
        },
        schema: { openAPIV3Schema: schema },
      }, {
        name: "v1beta1",
        served: true,
        storage: false,
        schema: { openAPIV3Schema: schema },
      }],
    },
  };
}
