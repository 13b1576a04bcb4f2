// Table columns of API priority-and-fairness objects as kube-apiserver prints them
// (pkg/printers/internalversion/printers.go printFlowSchema, printPriorityLevelConfiguration;
// the same from v1.29.6 to v1.36.3).

import type { KubeObject } from "../store/mod.ts";
import { AGE, type Column, column, doc, NAME } from "./_table_cells.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const FLOW_SCHEMAS = "flowcontrol.apiserver.k8s.io/flowschemas";
// The docs package of flowcontrol.apiserver.k8s.io/v1, whose SwaggerDoc texts describe the columns.
const FLOWCONTROL = "flowcontrol.v1";

// A Limited level's value, `<none>` for an Exempt one (or a Limited one without queuing).
const limited = (read: (limited: Loose) => unknown) => (o: KubeObject) => {
  const value = read((o as Loose).spec?.limited);
  return value === undefined || value === null ? "<none>" : value as number;
};

/** The columns of FlowSchemas and PriorityLevelConfigurations. */
export const FLOWCONTROL_COLUMNS: Record<string, readonly Column[]> = {
  [FLOW_SCHEMAS]: [
    NAME,
    column(
      "PriorityLevel",
      (o: Loose) => o.spec?.priorityLevelConfiguration?.name ?? "",
      0,
      "string",
      doc(FLOWCONTROL, "PriorityLevelConfigurationReference", "name"),
    ),
    column(
      "MatchingPrecedence",
      (o: Loose) => o.spec?.matchingPrecedence ?? 0,
      0,
      "string",
      doc(FLOWCONTROL, "FlowSchemaSpec", "matchingPrecedence"),
    ),
    column(
      "DistinguisherMethod",
      (o: Loose) => o.spec?.distinguisherMethod?.type ?? "<none>",
      0,
      "string",
      doc(FLOWCONTROL, "FlowSchemaSpec", "distinguisherMethod"),
    ),
    AGE,
    {
      ...column(
        "MissingPL",
        (o: Loose) =>
          (o.status?.conditions ?? []).find((c: Loose) => c.type === "Dangling")?.status ?? "?",
      ),
      description: "references a broken or non-existent PriorityLevelConfiguration",
    },
  ],
  "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations": [
    NAME,
    column(
      "Type",
      (o: Loose) => o.spec?.type ?? "",
      0,
      "string",
      doc(FLOWCONTROL, "PriorityLevelConfigurationSpec", "type"),
    ),
    column(
      "NominalConcurrencyShares",
      limited((l) => l?.nominalConcurrencyShares),
      0,
      "string",
      doc(FLOWCONTROL, "LimitedPriorityLevelConfiguration", "nominalConcurrencyShares"),
    ),
    ...(["queues", "handSize", "queueLengthLimit"] as const).map((field) =>
      column(
        field[0].toUpperCase() + field.slice(1),
        limited((l) => l?.limitResponse?.queuing?.[field]),
        0,
        "string",
        doc(FLOWCONTROL, "QueuingConfiguration", field),
      )
    ),
    AGE,
  ],
};

/**
 * The rows of a Table of `resourceKey` in kube-apiserver's order: FlowSchemas by matching
 * precedence, then name (printFlowSchemaList sorts a FlowSchemaSequence); others as listed.
 */
export function tableRowOrder(
  resourceKey: string,
  objects: readonly KubeObject[],
): readonly KubeObject[] {
  if (resourceKey !== FLOW_SCHEMAS) return objects;
  const precedence = (o: KubeObject) => (o as Loose).spec?.matchingPrecedence ?? 0;
  return [...objects].sort((a, b) => {
    const byPrecedence = precedence(a) - precedence(b);
    if (byPrecedence !== 0) return byPrecedence;
    const [x, y] = [a.metadata.name ?? "", b.metadata.name ?? ""];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
