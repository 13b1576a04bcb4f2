// The first document of a YAML stream decoded as go-yaml v2 decodes it, straight from the
// parser's events: go-yaml builds the whole node tree, then decodes it depth first in document
// order, and so does this, except that only nodes decoded more than once (anchored ones, for
// their aliases) or into another map (a `<<` merge's value) are built as trees (composer.ts).
// Counting and checks happen in the same order as go-yaml's; a decoding failure is held until
// the document is parsed to its end, since go-yaml reports any parse error first.

import { aliasOf, NodeBuilder, NodeKind, type YamlNode } from "./composer.ts";
import { type Decoded, Decoder, type MapTarget } from "./decoder.ts";
import { type Event, EventType } from "./events.ts";
import { Parser } from "./parser.ts";
import { Tag } from "./resolve.ts";
import { YamlError } from "./yaml_error.ts";

interface SequenceBeingFilled {
  readonly kind: typeof NodeKind.Sequence;
  readonly out: unknown[];
  readonly line: number;
}
interface MappingBeingFilled extends MapTarget {
  readonly kind: typeof NodeKind.Mapping;
  readonly line: number;
  // At a key, at its value, or at a merge's value.
  at: "key" | "value" | "merge";
}
type BeingFilled = SequenceBeingFilled | MappingBeingFilled;

/** Decodes the first document of `text` into a JSON value (null for none); throws YamlError. */
export function decodeFirstDocument(text: string): Decoded {
  const parser = new Parser(text);
  parser.next(); // stream start
  if (parser.next().type !== EventType.DocumentStart) return { value: null, duplicates: [] };
  const anchors = new Map<string, YamlNode>();
  const reader = new DocumentReader(new Decoder());
  const builder = new NodeBuilder(anchors);
  let depth = 0;
  let failure: YamlError | undefined;
  do {
    const e = parser.next();
    if (e.type === EventType.SequenceStart || e.type === EventType.MappingStart) depth++;
    else if (e.type === EventType.SequenceEnd || e.type === EventType.MappingEnd) depth--;
    if (failure) {
      // Only parsing goes on: anchors and aliases are still checked.
      if (e.type === EventType.Alias) aliasOf(e.anchor, 0, anchors);
      else if (e.anchor.length > 0) anchors.set(e.anchor, PLACEHOLDER);
      continue;
    }
    // Parse errors (an alias to an unknown anchor too) are thrown at once; decoding ones held.
    let root: YamlNode | undefined;
    let alias: YamlNode | undefined;
    const tree = builder.building || reader.wantsTree(e);
    if (tree) {
      root = builder.add(e);
      if (!root) continue;
    } else if (e.type === EventType.Alias) alias = aliasOf(e.anchor, e.start.line, anchors);
    try {
      if (root) reader.tree(root);
      else reader.event(e, alias);
    } catch (error) {
      if (!(error instanceof YamlError)) throw error;
      failure = error;
    }
  } while (depth > 0);
  parser.next(); // document end, as go-yaml's expect reads it
  if (failure) throw failure;
  return reader.finish();
}

const PLACEHOLDER: YamlNode = {
  kind: NodeKind.Scalar,
  line: 0,
  value: "",
  tag: "",
  implicit: false,
  children: [],
  target: undefined,
};

// The values being built, and the decoder's steps applied to them event by event.
class DocumentReader {
  readonly #decoder: Decoder;
  readonly #filling: BeingFilled[] = [];
  #root: unknown = null;

  constructor(decoder: Decoder) {
    this.#decoder = decoder;
  }

  /** Whether `e` starts a node to build as a tree: an anchored one, or a merge's value. */
  wantsTree(e: Event): boolean {
    if (e.anchor.length > 0 && e.type !== EventType.Alias) return true;
    const top = this.#filling[this.#filling.length - 1];
    return top !== undefined && top.kind === NodeKind.Mapping && top.at === "merge";
  }

  /** A tree built: merged into the map at its merge key, or decoded in place. */
  tree(root: YamlNode): void {
    const top = this.#filling[this.#filling.length - 1];
    if (top !== undefined && top.kind === NodeKind.Mapping && top.at === "merge") {
      this.#decoder.merge(root, top.out);
      top.at = "key";
      return;
    }
    this.#deliver(this.#decoder.decode(root), root.line);
  }

  /** An event outside trees (`alias`: its node, for an alias event). */
  event(e: Event, alias: YamlNode | undefined): void {
    const decoder = this.#decoder;
    switch (e.type) {
      case EventType.Scalar: {
        const top = this.#filling[this.#filling.length - 1];
        if (
          top !== undefined && top.kind === NodeKind.Mapping && top.at === "key" &&
          e.value === "<<" && (e.implicit || e.tag === Tag.merge)
        ) {
          // decode.go mapping: a merge key is not decoded; its value is merged.
          top.at = "merge";
          return;
        }
        decoder.count();
        this.#deliver(decoder.scalar(e), e.start.line);
        return;
      }
      case EventType.Alias:
        this.#deliver(decoder.decode(alias!), e.start.line);
        return;
      case EventType.SequenceStart:
        decoder.count();
        this.#filling.push({ kind: NodeKind.Sequence, out: [], line: e.start.line });
        return;
      case EventType.MappingStart:
        decoder.count();
        this.#filling.push({
          kind: NodeKind.Mapping,
          out: { object: {}, keys: undefined },
          key: undefined,
          line: e.start.line,
          at: "key",
        });
        return;
      default: {
        const done = this.#filling.pop()!;
        this.#deliver(done.kind === NodeKind.Sequence ? done.out : done.out.object, done.line);
      }
    }
  }

  /** The document's value, checked as YAMLToJSON checks it. */
  finish(): Decoded {
    return this.#decoder.finish(this.#root);
  }

  #deliver(value: unknown, line: number): void {
    const top = this.#filling[this.#filling.length - 1];
    if (top === undefined) this.#root = value;
    else if (top.kind === NodeKind.Sequence) top.out.push(value);
    else if (top.at === "key") {
      this.#decoder.takeKey(top, value);
      top.at = "value";
    } else {
      this.#decoder.set(top, value, line);
      top.at = "key";
    }
  }
}
