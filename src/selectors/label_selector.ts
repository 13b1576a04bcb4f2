// Label selectors as values: a list of ANDed requirements, plus upstream's Everything and Nothing.

import {
  type LabelRequirement,
  labelRequirementMatches,
  labelRequirementString,
} from "./label_requirement.ts";

/** A parsed label selector; parse once, then match many objects. */
export interface LabelSelector {
  /** True when it selects everything (no requirements). */
  readonly empty: boolean;
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  toString(): string;
}

class RequirementsSelector implements LabelSelector {
  readonly empty: boolean;

  constructor(readonly requirements: readonly LabelRequirement[]) {
    this.empty = requirements.length === 0;
  }

  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    const requirements = this.requirements;
    for (let i = 0; i < requirements.length; i++) {
      if (!labelRequirementMatches(requirements[i], labels)) return false;
    }
    return true;
  }

  toString(): string {
    return this.requirements.map(labelRequirementString).join(",");
  }
}

/** A selector ANDing requirements, sorted by key (stably) as `labels.Parse` and `Add` sort them. */
export function selectorOf(requirements: readonly LabelRequirement[]): LabelSelector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new RequirementsSelector(sorted);
}

/** `labels.Everything()`: matches every object. */
export const EVERYTHING: LabelSelector = selectorOf([]);

/** `labels.Nothing()`: matches no object, is not empty, and prints as "". */
export const NOTHING: LabelSelector = Object.freeze({
  empty: false,
  matches: () => false,
  toString: () => "",
});
