// A node tree decoded as sigs.k8s.io/yaml decodes YAML: go-yaml v2's decoder into interface{}
// (decode.go unmarshal: scalars resolved, `<<` merges, aliases expanded afresh each time and
// bounded by the alias ratio rule, keys given twice reported as its strict mode reports them),
// then YAMLToJSON's conversion of keys to strings. An explicit stack stands for the Go
// recursion, so expansion depth is bounded by memory, not by the call stack.

import { NodeKind, type YamlNode } from "./composer.ts";
import { goQuote } from "./go_format.ts";
import { decodeBase64, throwNonFinite } from "./json_values.ts";
import { goSharp, type KeyOf, keyOf } from "./map_keys.ts";
import { mayResolve, resolve, type Resolved, Tag } from "./resolve.ts";
import { YamlError } from "./yaml_error.ts";

/** The decoded value and the strict decode's complaints about keys given twice. */
export interface Decoded {
  readonly value: unknown;
  /** `line 7: key "a" already set in map`, in decoding order. */
  readonly duplicates: string[];
}

// A map being filled: the JSON object, and once a key other than a string is set, the Go keys
// it holds (a string as itself, another type tagged), since `1` and "1" are different keys to
// go-yaml; until then the object's own keys are the map's.
export interface MapOut {
  readonly object: Record<string, unknown>;
  keys: Set<string> | undefined;
}

/** A map being filled and the key whose value is awaited. */
export interface MapTarget {
  readonly out: MapOut;
  // A string key as itself, another as converted.
  key: string | KeyOf | undefined;
}

const FrameType = { Sequence: 1, Mapping: 2, Alias: 3, MergeList: 4 } as const;

interface SequenceFrame {
  readonly type: typeof FrameType.Sequence;
  readonly node: YamlNode;
  readonly out: unknown[];
  next: number;
}
interface MappingFrame extends MapTarget {
  readonly type: typeof FrameType.Mapping;
  readonly node: YamlNode;
  next: number;
  // 0: at a key; 1: its key decoded; 2: its value decoded; 3: a merge done.
  stage: number;
}
interface AliasFrame {
  readonly type: typeof FrameType.Alias;
  readonly node: YamlNode;
}
interface MergeListFrame {
  readonly type: typeof FrameType.MergeList;
  readonly node: YamlNode;
  readonly out: MapOut;
  next: number;
}
type Frame = SequenceFrame | MappingFrame | AliasFrame | MergeListFrame;

/** What decoding a scalar reads of it. */
export type ScalarLike = Pick<YamlNode, "value" | "tag" | "implicit">;

const NOTHING = Symbol("nothing");

/**
 * go-yaml's decoder state over one document: counts for the alias ratio rule, the duplicate
 * keys found, and what YAMLToJSON will refuse. Node trees are decoded with `decode`; a caller
 * streaming events decodes scalars and fills maps with the same steps (`count`, `scalar`,
 * `takeKey`, `set`, `merge`).
 */
export class Decoder {
  #decodeCount = 1; // the document node
  #aliasCount = 0;
  #aliasDepth = 0;
  readonly #active = new Set<YamlNode>();
  readonly #duplicates: string[] = [];
  #unsupportedKey: string | undefined;
  // The Go type of the last scalar decoded (a key's, when a key is done).
  #lastScalar: Resolved = { tag: Tag.str, value: "" };
  #nonFinite = false;

  /** The value of the document once decoded; throws what YAMLToJSON throws. */
  finish(value: unknown): Decoded {
    if (this.#unsupportedKey) throw new YamlError(this.#unsupportedKey);
    if (this.#nonFinite) throwNonFinite(value);
    return { value, duplicates: this.#duplicates };
  }

  /** Decodes `root` (into the map `into`, for a merge) as decode.go unmarshal. */
  decode(root: YamlNode, into?: MapOut): unknown {
    const stack: Frame[] = [];
    let enter: YamlNode | undefined = root;
    let into_: MapOut | undefined = into;
    let result: unknown = NOTHING;
    for (;;) {
      if (enter) {
        const node: YamlNode = enter;
        const target = into_;
        enter = undefined;
        into_ = undefined;
        this.count();
        if (node.kind === NodeKind.Alias) {
          if (this.#active.has(node)) {
            throw new YamlError(`yaml: anchor '${node.value}' value contains itself`);
          }
          this.#active.add(node);
          this.#aliasDepth++;
          stack.push({ type: FrameType.Alias, node });
          enter = node.target;
          into_ = target;
          continue;
        }
        if (node.kind === NodeKind.Scalar) result = this.scalar(node);
        else if (node.kind === NodeKind.Sequence) {
          stack.push({ type: FrameType.Sequence, node, out: [], next: 0 });
          result = NOTHING;
        } else {
          const out: MapOut = target ?? { object: {}, keys: undefined };
          stack.push({ type: FrameType.Mapping, node, out, next: 0, stage: 0, key: undefined });
          result = NOTHING;
        }
      }
      const frame = stack[stack.length - 1];
      if (!frame) break;
      switch (frame.type) {
        case FrameType.Alias:
          stack.pop();
          this.#active.delete(frame.node);
          this.#aliasDepth--;
          continue;
        case FrameType.Sequence: {
          if (result !== NOTHING) frame.out.push(result);
          const children = frame.node.children;
          while (frame.next < children.length && children[frame.next].kind === NodeKind.Scalar) {
            this.count();
            frame.out.push(this.scalar(children[frame.next++]));
          }
          if (frame.next < children.length) enter = children[frame.next++];
          else {
            stack.pop();
            result = frame.out;
          }
          continue;
        }
        case FrameType.MergeList: {
          // decode.go merge: a sequence's maps merged last to first, so the first one wins.
          if (frame.next < 0) {
            stack.pop();
            result = NOTHING;
            continue;
          }
          const item = frame.node.children[frame.next--];
          requireMap(item, item.kind !== NodeKind.Alias);
          enter = item;
          into_ = frame.out;
          continue;
        }
        default: {
          const step = this.#mappingStep(frame, result);
          if (step === undefined) {
            stack.pop();
            result = frame.out.object;
            continue;
          }
          if (step.kind === NodeKind.Sequence && frame.stage === 3) {
            stack.push({
              type: FrameType.MergeList,
              node: step,
              out: frame.out,
              next: step.children.length - 1,
            });
            continue;
          }
          enter = step;
          if (frame.stage === 3) into_ = frame.out;
        }
      }
    }
    return result;
  }

  /** decode.go merge: `value` (a map, an alias to one, or a list of those) merged into `out`. */
  merge(value: YamlNode, out: MapOut): void {
    if (value.kind === NodeKind.Scalar) failWantMap();
    if (value.kind !== NodeKind.Sequence) {
      if (value.kind === NodeKind.Alias) requireMap(value, false);
      this.decode(value, out);
      return;
    }
    // A sequence's maps merged last to first, so the first one wins.
    for (let i = value.children.length - 1; i >= 0; i--) {
      const item = value.children[i];
      requireMap(item, item.kind !== NodeKind.Alias);
      this.decode(item, out);
    }
  }

  // One step of decode.go mapping(): answers the next node to decode (a merge's value with
  // stage 3), or undefined when the mapping is done.
  #mappingStep(frame: MappingFrame, result: unknown): YamlNode | undefined {
    const children = frame.node.children;
    if (frame.stage === 1) {
      this.takeKey(frame, result);
      frame.stage = 2;
      return children[frame.next + 1];
    }
    if (frame.stage === 2) {
      this.set(frame, result, children[frame.next + 1].line);
      frame.next += 2;
    } else if (frame.stage === 3) frame.next += 2;
    // Pairs of scalars decoded here, in the order the general path would decode them.
    while (frame.next < children.length) {
      const key = children[frame.next];
      const value = children[frame.next + 1];
      if (key.kind !== NodeKind.Scalar || value.kind !== NodeKind.Scalar || isMerge(key)) break;
      this.count();
      this.takeKey(frame, this.scalar(key));
      this.count();
      this.set(frame, this.scalar(value), value.line);
      frame.next += 2;
    }
    if (frame.next >= children.length) return undefined;
    const key = children[frame.next];
    if (isMerge(key)) {
      const value = children[frame.next + 1];
      if (value.kind === NodeKind.Scalar) failWantMap();
      if (value.kind === NodeKind.Alias) requireMap(value, false);
      frame.stage = 3;
      return value;
    }
    frame.stage = 1;
    return key;
  }

  /** A decoded key: refused if a collection (`invalid map key`), else kept as YAMLToJSON converts it. */
  takeKey(frame: MapTarget, result: unknown): void {
    if (Array.isArray(result) || (result !== null && typeof result === "object")) {
      throw new YamlError(`yaml: invalid map key: ${goSharp(result)}`);
    }
    frame.key = typeof result === "string" && isText(this.#lastScalar.tag)
      ? result
      : keyOf(this.#lastScalar, result);
  }

  /** decode.go setMapIndex: the strict decode reports a key set before (0-based `line` of the value). */
  set(frame: MapTarget, value: unknown, line: number): void {
    const key = frame.key!;
    const json = typeof key === "string" ? key : key.json;
    const identity = typeof key === "string" ? key : key.identity;
    const out = frame.out;
    const object = out.object;
    if (out.keys === undefined && identity !== json) out.keys = new Set(Object.keys(object));
    // Decoded values are never undefined: a load finds most keys absent without hasOwn.
    const known = out.keys === undefined
      ? object[json] !== undefined && Object.hasOwn(object, json)
      : out.keys.has(identity);
    if (known) {
      const shown = typeof key === "string" ? goQuote(key) : key.shown;
      this.#duplicates.push(`line ${line + 1}: key ${shown} already set in map`);
    } else out.keys?.add(identity);
    if (typeof key !== "string" && key.unsupported && !this.#unsupportedKey) {
      this.#unsupportedKey = `${key.unsupported}, value: ${goSharp(value)}`;
    }
    if (json === "__proto__") {
      Object.defineProperty(object, json, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else object[json] = value;
  }

  /** decode.go unmarshal's count of one node, and the alias ratio rule. */
  count(): void {
    this.#decodeCount++;
    if (this.#aliasDepth > 0) this.#aliasCount++;
    if (
      this.#aliasCount > 100 && this.#decodeCount > 1000 &&
      this.#aliasCount / this.#decodeCount > allowedAliasRatio(this.#decodeCount)
    ) throw new YamlError("yaml: document contains excessive aliasing");
  }

  /** decode.go scalar into interface{}. */
  scalar(node: ScalarLike): unknown {
    let resolved: Resolved;
    const text = node.value;
    if (node.tag === "" && (!node.implicit || (text.length > 0 && !mayResolve(text)))) {
      // Quoted, or plain with a first character no other type starts with: a string.
      this.#lastScalar = STRING;
      return text;
    }
    {
      resolved = resolve(node.tag, node.value);
      if (resolved.tag === Tag.binary) {
        resolved = { tag: Tag.binary, value: decodeBase64(resolved.value as string) };
      }
    }
    this.#lastScalar = resolved;
    const value = resolved.value;
    if (resolved.tag === Tag.timestamp) return node.value;
    if (typeof value === "number" && !Number.isFinite(value)) this.#nonFinite = true;
    return value;
  }
}

const STRING: Resolved = { tag: Tag.str, value: "" };

// A key kept as its string (`!!str`, `!!binary`, a timestamp, an unknown tag).
function isText(tag: string): boolean {
  return tag !== Tag.int && tag !== Tag.float && tag !== Tag.bool && tag !== Tag.null;
}

function isMerge(node: YamlNode): boolean {
  return node.kind === NodeKind.Scalar && node.value === "<<" &&
    (node.implicit || node.tag === Tag.merge);
}

function failWantMap(): never {
  throw new YamlError("yaml: map merge requires map or sequence of maps as the value");
}

// A merged item must be a mapping, or an alias to one (`direct`: not an alias).
function requireMap(node: YamlNode, direct: boolean): void {
  if (direct) {
    if (node.kind !== NodeKind.Mapping) failWantMap();
  } else if (node.target && node.target.kind !== NodeKind.Mapping) failWantMap();
}

// decode.go allowedAliasRatio.
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}
