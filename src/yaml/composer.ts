// go-yaml v2's document nodes (decode.go parser): what the decoder walks where a node is decoded
// more than once (an anchored node, for its aliases) or decoded into another map (a `<<` merge's
// value). Anchors are registered as their node starts, so an alias inside its own anchor's node
// refers to it; an alias to an unknown anchor is refused.

import { type Event, EventType } from "./events.ts";
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

/** The alias `name`, refused as go-yaml refuses it when no node was anchored so before it. */
export function aliasOf(name: string, line: number, anchors: Map<string, YamlNode>): YamlNode {
  const target = anchors.get(name);
  if (!target) throw new YamlError(`yaml: unknown anchor '${name}' referenced`);
  return node(NodeKind.Alias, line, name, "", false, target);
}

/**
 * Builds the node trees of events handed to it, one tree at a time: `add` answers the tree's
 * root once its last event is added.
 */
export class NodeBuilder {
  readonly #anchors: Map<string, YamlNode>;
  readonly #open: YamlNode[] = [];

  constructor(anchors: Map<string, YamlNode>) {
    this.#anchors = anchors;
  }

  /** Whether a tree is being built. */
  get building(): boolean {
    return this.#open.length > 0;
  }

  /** Adds an event (not a document or stream event); answers the root it completes, if any. */
  add(e: Event): YamlNode | undefined {
    const open = this.#open;
    if (e.type === EventType.SequenceEnd || e.type === EventType.MappingEnd) {
      const done = open.pop()!;
      return open.length === 0 ? done : undefined;
    }
    const built = nodeOf(e, this.#anchors);
    if (open.length > 0) open[open.length - 1].children.push(built);
    if (e.type === EventType.SequenceStart || e.type === EventType.MappingStart) {
      open.push(built);
      return undefined;
    }
    return open.length === 0 ? built : undefined;
  }
}

/** The node of a scalar, alias or collection start event, its anchor registered. */
export function nodeOf(e: Event, anchors: Map<string, YamlNode>): YamlNode {
  const line = e.start.line;
  let built: YamlNode;
  switch (e.type) {
    case EventType.Alias:
      return aliasOf(e.anchor, line, anchors);
    case EventType.Scalar:
      built = node(NodeKind.Scalar, line, e.value, e.tag, e.implicit, undefined);
      break;
    case EventType.SequenceStart:
      built = node(NodeKind.Sequence, line, "", e.tag, false, undefined);
      break;
    default:
      built = node(NodeKind.Mapping, line, "", e.tag, false, undefined);
  }
  if (e.anchor.length > 0) anchors.set(e.anchor, built);
  return built;
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
