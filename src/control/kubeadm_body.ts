// The `kubeadm` part of a `/register` body: the bind port and control-plane taints of KCP's config.

import * as v from "valibot";
import type { KubeadmSettings, NodeTaint } from "../cluster/mod.ts";
import { labelKeyProblem, labelValueProblem } from "./kube_names.ts";

// A Node has at most a handful of taints; the bound keeps a body from storing an unbounded list.
const MAX_TAINTS = 32;

const taint = v.pipe(
  v.object({
    key: v.pipe(
      v.string("must be a string"),
      v.check((key) => labelKeyProblem(key) === undefined, (i) => labelKeyProblem(i.input)!),
    ),
    value: v.optional(v.pipe(
      v.string("must be a string"),
      v.check((value) => labelValueProblem("value", value) === undefined, "must be a label value"),
    )),
    effect: v.picklist(
      ["NoSchedule", "PreferNoSchedule", "NoExecute"],
      'must be "NoSchedule", "PreferNoSchedule" or "NoExecute"',
    ),
  }, "must be an object with key, value and effect"),
  v.transform((t): NodeTaint => t.value ? t : { key: t.key, effect: t.effect }),
);

/**
 * `"kubeadm": {"localAPIEndpoint": {"bindPort": 6444}, "nodeRegistration": {"taints": [...]}}`,
 * spelled as in KCP's `kubeadmConfigSpec.initConfiguration`; both parts optional.
 */
export const KUBEADM_SETTINGS = v.optional(v.pipe(
  v.object({
    localAPIEndpoint: v.optional(v.object({
      bindPort: v.optional(v.pipe(
        v.number("must be a port number"),
        v.integer("must be a port number"),
        v.minValue(1, "must be from 1 to 65535"),
        v.maxValue(65535, "must be from 1 to 65535"),
      )),
    }, "must be an object")),
    nodeRegistration: v.optional(v.object({
      taints: v.optional(v.pipe(
        v.array(taint, "must be a list of taints"),
        v.maxLength(MAX_TAINTS, `must have at most ${MAX_TAINTS} taints`),
      )),
    }, "must be an object")),
  }, "must be an object"),
  v.transform((body): KubeadmSettings => ({
    apiServerBindPort: body.localAPIEndpoint?.bindPort ?? 6443,
    ...(body.nodeRegistration?.taints ? { controlPlaneTaints: body.nodeRegistration.taints } : {}),
  })),
));
