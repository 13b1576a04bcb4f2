// The events libyaml's parser produces (go-yaml v2 yamlh.go yaml_event_t), as far as a reader
// of documents needs them.

import type { Mark } from "./yaml_error.ts";

/** Event kinds, as yaml_event_type_t. */
export const EventType = {
  StreamStart: 1,
  StreamEnd: 2,
  DocumentStart: 3,
  DocumentEnd: 4,
  Alias: 5,
  Scalar: 6,
  SequenceStart: 7,
  SequenceEnd: 8,
  MappingStart: 9,
  MappingEnd: 10,
} as const;
/** One of EventType's values. */
export type EventType = typeof EventType[keyof typeof EventType];

/** One event: its kind, start mark, and for nodes their anchor, resolved tag and scalar text. */
export interface Event {
  readonly type: EventType;
  readonly start: Mark;
  /** An alias's name, or a node's anchor ("" when none). */
  readonly anchor: string;
  /** The node's full tag ("" when none). */
  readonly tag: string;
  /** A scalar's text. */
  readonly value: string;
  /** A scalar that may be resolved (plain, or tagged `!`). */
  readonly implicit: boolean;
}

/** An event with no node properties. */
export function event(type: EventType, start: Mark): Event {
  return { type, start, anchor: "", tag: "", value: "", implicit: false };
}
