// When each phase of an FkasMachine is due, from its delays and the conditions it already has:
// a pure plan, so restarts resume where they were (True phases are never delayed again).

import { fnv32a } from "../encoding/mod.ts";
import { delayOf, type PhaseDelay } from "../cluster/mod.ts";
import { type Condition, conditionOf, isTrue } from "./conditions.ts";

/** The boot phases, as CAPD's in-memory backend names their conditions. */
export const PHASES = [
  { condition: "VMProvisioned", phase: "vm", after: undefined, controlPlaneOnly: false },
  { condition: "NodeProvisioned", phase: "node", after: "VMProvisioned", controlPlaneOnly: false },
  { condition: "EtcdProvisioned", phase: "etcd", after: "NodeProvisioned", controlPlaneOnly: true },
  // The API server counts from etcd (CAPD's counts from the node): kube-apiserver cannot start
  // before its etcd member, and the first control plane's listener must not open without one.
  {
    condition: "APIServerProvisioned",
    phase: "apiServer",
    after: "EtcdProvisioned",
    controlPlaneOnly: true,
  },
] as const;

/** A phase's name in the FkasMachine spec. */
export type PhaseName = (typeof PHASES)[number]["phase"];

/** What the plan needs to know. */
export interface TimelineInput {
  readonly controlPlane: boolean;
  readonly delays: Readonly<Record<PhaseName, PhaseDelay>>;
  readonly conditions: readonly Condition[];
  /** When the boot started (preconditions held), in ms since the epoch. */
  readonly bootStarted: number;
  readonly now: number;
  /** A stable draw in [0, 1) per phase, so a phase's jitter does not change between reconciles. */
  readonly draw: (phase: PhaseName) => number;
  /** When phases completed, to the ms, where known (conditions keep whole seconds only). */
  readonly completedAt?: (condition: string) => number | undefined;
}

/** Phases to run now (in order) and, if more will come due, in how many ms to look again. */
export interface TimelinePlan {
  readonly due: readonly PhaseName[];
  readonly nextInMs?: number;
}

/** Which phases are due now; a phase counts from its predecessor's lastTransitionTime. */
export function planMachine(input: TimelineInput): TimelinePlan {
  const due: PhaseName[] = [];
  const doneAt = new Map<string, number>();
  let nextInMs: number | undefined;
  for (const step of PHASES) {
    if (step.controlPlaneOnly && !input.controlPlane) continue;
    const current = conditionOf(input.conditions, step.condition);
    if (isTrue(input.conditions, step.condition)) {
      doneAt.set(
        step.condition,
        input.completedAt?.(step.condition) ?? Date.parse(current!.lastTransitionTime),
      );
      continue;
    }
    const start = step.after === undefined ? input.bootStarted : doneAt.get(step.after);
    if (start === undefined) continue;
    const delay = delayOf(input.delays[step.phase], () => input.draw(step.phase));
    const dueAt = start + delay;
    if (dueAt <= input.now) {
      due.push(step.phase);
      doneAt.set(step.condition, input.now);
    } else {
      nextInMs = Math.min(nextInMs ?? Infinity, dueAt - input.now);
    }
  }
  return { due, nextInMs };
}

/** A stable number in [0, 1) from a text (FNV-1a), for jitter that survives restarts. */
export function stableDraw(text: string): number {
  return fnv32a(text) / 0x1_0000_0000;
}
