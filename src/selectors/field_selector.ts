// fields.ParseSelector plus the per-kind field-label check: the `?fieldSelector=` of a list or watch.

import type { KubeObject } from "../store/mod.ts";
import { goQuote } from "./_field_errors.ts";
import {
  FIELD_ALIASES,
  FIELD_LABELS,
  type FieldExtractor,
  METADATA_ONLY_BUILTINS,
  metadataName,
  metadataNamespace,
  WITHOUT_NAMESPACE_FIELD,
} from "./field_labels.ts";
import { SelectorError } from "./selector_error.ts";

/** One `field=value` or `field!=value` term (`==` reads as `=`). */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: "=" | "!=";
  readonly value: string;
}

/** A parsed field selector bound to one resource's fields. */
export interface FieldSelector {
  readonly empty: boolean;
  readonly requirements: readonly FieldRequirement[];
  matches(object: KubeObject): boolean;
  toString(): string;
}

/** Splits on commas not escaped by a backslash; escapes stay in the terms. */
function splitTerms(text: string): string[] {
  if (text === "") return [];
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** Splits a term at its first operator (`!=`, then `==`, then `=`); the field has no escapes. */
function splitTerm(term: string): [string, "=" | "!=", string] | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term.startsWith("!=", i)) return [term.slice(0, i), "!=", term.slice(i + 2)];
    if (term.startsWith("==", i)) return [term.slice(0, i), "=", term.slice(i + 2)];
    if (term[i] === "=") return [term.slice(0, i), "=", term.slice(i + 1)];
  }
  return undefined;
}

/** `fields.UnescapeValue`: `\\`, `\,` and `\=` are literals; anything else escaped, or a bare `,`/`=`, is an error. */
function unescapeValue(raw: string): string {
  if (!/[\\,=]/.test(raw)) return raw;
  let value = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === "\\") {
      const escaped = raw.codePointAt(i + 1);
      if (escaped === undefined) {
        throw new SelectorError("invalid field selector: invalid escape sequence: \\");
      }
      const literal = String.fromCodePoint(escaped);
      if (literal !== "\\" && literal !== "," && literal !== "=") {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${literal}`);
      }
      value += literal;
      i++;
    } else if (ch === "," || ch === "=") {
      // Go prints the rune with %v, which is its code point number.
      throw new SelectorError(
        `invalid field selector: unescaped character in value: ${ch.charCodeAt(0)}`,
      );
    } else value += ch;
  }
  return value;
}

function escapeValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

/** The extractor for a field of a resource, or undefined when its apiserver would refuse it. */
function extractorFor(
  resourceKey: string,
  field: string,
  namespaced: boolean,
  selectableFields: readonly string[] | undefined,
): FieldExtractor | undefined {
  if (field === "metadata.name") return metadataName;
  if (selectableFields?.includes(field)) return pathValue(field.split("."));
  const own = FIELD_LABELS[resourceKey];
  if (field === "metadata.namespace") {
    if (own) return WITHOUT_NAMESPACE_FIELD.has(resourceKey) ? undefined : metadataNamespace;
    return namespaced || METADATA_ONLY_BUILTINS.has(resourceKey) ? metadataNamespace : undefined;
  }
  return own && Object.hasOwn(own, field) ? own[field] : undefined;
}

// A custom resource's selectable field (customresource strategy `selectableFields`): the value at
// the path as fmt.Sprint prints it ("true", "42", a string as is), "" when missing or null.
function pathValue(path: readonly string[]): FieldExtractor {
  return (object) => {
    let value: unknown = object;
    for (const key of path) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return "";
      value = (value as Record<string, unknown>)[key];
    }
    return value === undefined || value === null ? "" : String(value);
  };
}

function refusal(resourceKey: string, field: string): string {
  return METADATA_ONLY_BUILTINS.has(resourceKey)
    ? `${goQuote(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`
    : `field label not supported: ${field}`;
}

/**
 * Parses `spec.nodeName=n1,status.phase!=Running` for a resource key (`pods`, `apps/deployments`);
 * `namespaced` matters only for custom resources (cluster-scoped ones refuse `metadata.namespace`),
 * as do `selectableFields` (a CRD version's, selectable beside the metadata ones).
 */
export function parseFieldSelector(
  text: string,
  resourceKey: string,
  options: { namespaced?: boolean; selectableFields?: readonly string[] } = {},
): FieldSelector {
  const parsed: FieldRequirement[] = [];
  for (const term of splitTerms(text).sort()) {
    if (term === "") continue;
    const split = splitTerm(term);
    if (!split) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    parsed.push({ field: split[0], operator: split[1], value: unescapeValue(split[2]) });
  }
  const aliases = FIELD_ALIASES[resourceKey];
  const requirements: FieldRequirement[] = [];
  const extractors: FieldExtractor[] = [];
  for (const requirement of parsed) {
    const field = aliases && Object.hasOwn(aliases, requirement.field)
      ? aliases[requirement.field]
      : requirement.field;
    const extractor = extractorFor(
      resourceKey,
      field,
      options.namespaced ?? true,
      options.selectableFields,
    );
    if (!extractor) throw new SelectorError(refusal(resourceKey, requirement.field));
    requirements.push({ ...requirement, field });
    extractors.push(extractor);
  }
  return {
    empty: requirements.length === 0,
    requirements,
    matches(object: KubeObject): boolean {
      for (let i = 0; i < requirements.length; i++) {
        const equal = extractors[i](object) === requirements[i].value;
        if (equal !== (requirements[i].operator === "=")) return false;
      }
      return true;
    },
    toString: () =>
      requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(","),
  };
}
