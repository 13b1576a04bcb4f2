// The node tree of a YAML stream's first document, as go-yaml v2 builds it before decoding
// (decode.go parser.parse): anchors registered as their node starts (so an alias inside its own
// anchor's node refers to it), an alias to an unknown anchor refused. Built with an explicit
// stack: nesting is bounded by the scanner's limits, not by the call stack.

import { type Event, EventType } from "./events.ts";
import { Parser } from "./parser.ts";
import { YamlError } from "./yaml_error.ts";

/** Node kinds, as decode.go's. */
export const NodeKind = { Scalar: 1, Sequence: 2, Mapping: 3, Alias: 4 } as const;
/** One of NodeKind's values. */
export type NodeKind = typeof NodeKind[keyof typeof NodeKind];

/** A node of the document: a scalar, a collection of nodes, or an alias to an anchored node. */
export interface YamlNode {
  readonly kind: NodeKind;
  /** 0-based line of its start. */
  readonly line: number;
  /** A scalar's text, an alias's anchor name. */
  readonly value: string;
  /** Its full tag ("" when none). */
  readonly tag: string;
  /** A plain scalar (or one tagged `!`), whose type is resolved from its text. */
  readonly implicit: boolean;
  /** A sequence's items; a mapping's keys and values, alternating. */
  readonly children: YamlNode[];
  /** The node an alias names. */
  readonly target: YamlNode | undefined;
}

/** The first document's root node, or undefined when the stream holds no document. */
export function composeFirstDocument(text: string): YamlNode | undefined {
  const parser = new Parser(text);
  parser.next(); // stream start
  const first = parser.next();
  if (first.type !== EventType.DocumentStart) return undefined;
  const anchors = new Map<string, YamlNode>();
  const open: YamlNode[] = [];
  let root: YamlNode | undefined;
  for (;;) {
    const e = parser.next();
    let node: YamlNode;
    if (e.type === EventType.SequenceEnd || e.type === EventType.MappingEnd) {
      node = open.pop()!;
      if (open.length === 0) {
        root = node;
        break;
      }
      continue;
    }
    node = nodeOf(e, anchors);
    if (e.anchor.length > 0 && e.type !== EventType.Alias) anchors.set(e.anchor, node);
    if (open.length > 0) open[open.length - 1].children.push(node);
    if (e.type === EventType.SequenceStart || e.type === EventType.MappingStart) open.push(node);
    else if (open.length === 0) {
      root = node;
      break;
    }
  }
  parser.next(); // document end, as go-yaml's expect reads it
  return root;
}

function nodeOf(e: Event, anchors: Map<string, YamlNode>): YamlNode {
  const line = e.start.line;
  switch (e.type) {
    case EventType.Alias: {
      const target = anchors.get(e.anchor);
      if (!target) throw new YamlError(`yaml: unknown anchor '${e.anchor}' referenced`);
      return node(NodeKind.Alias, line, e.anchor, "", false, target);
    }
    case EventType.Scalar:
      return node(NodeKind.Scalar, line, e.value, e.tag, e.implicit, undefined);
    case EventType.SequenceStart:
      return node(NodeKind.Sequence, line, "", e.tag, false, undefined);
    default:
      return node(NodeKind.Mapping, line, "", e.tag, false, undefined);
  }
}

// Scalars and aliases share one (never filled) list of children.
const NO_CHILDREN: YamlNode[] = [];

function node(
  kind: NodeKind,
  line: number,
  value: string,
  tag: string,
  implicit: boolean,
  target: YamlNode | undefined,
): YamlNode {
  const children = kind === NodeKind.Sequence || kind === NodeKind.Mapping ? [] : NO_CHILDREN;
  return { kind, line, value, tag, implicit, children, target };
}
