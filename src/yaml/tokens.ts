// The tokens libyaml's scanner hands its parser (go-yaml v2 yamlh.go yaml_token_type_t).

import type { Mark } from "./yaml_error.ts";

/** Token kinds, numbered as go-yaml's yaml_token_type_t. */
export const TokenType = {
  StreamStart: 1,
  StreamEnd: 2,
  VersionDirective: 3,
  TagDirective: 4,
  DocumentStart: 5,
  DocumentEnd: 6,
  BlockSequenceStart: 7,
  BlockMappingStart: 8,
  BlockEnd: 9,
  FlowSequenceStart: 10,
  FlowSequenceEnd: 11,
  FlowMappingStart: 12,
  FlowMappingEnd: 13,
  BlockEntry: 14,
  FlowEntry: 15,
  Key: 16,
  Value: 17,
  Alias: 18,
  Anchor: 19,
  Tag: 20,
  Scalar: 21,
} as const;
/** One of TokenType's values. */
export type TokenType = typeof TokenType[keyof typeof TokenType];

/** Scalar styles, as yaml_scalar_style_t. */
export const ScalarStyle = {
  Plain: 1,
  SingleQuoted: 2,
  DoubleQuoted: 3,
  Literal: 4,
  Folded: 5,
} as const;
/** One of ScalarStyle's values. */
export type ScalarStyle = typeof ScalarStyle[keyof typeof ScalarStyle];

/** One token: its kind, marks and, per kind, its text (scalar, anchor, tag handle, directive). */
export interface Token {
  readonly type: TokenType;
  readonly start: Mark;
  readonly end: Mark;
  /** A scalar's text, an anchor's or alias's name, a tag's or %TAG directive's handle. */
  readonly value: string;
  /** A tag's suffix or a %TAG directive's prefix. */
  readonly suffix: string;
  readonly style: ScalarStyle;
  /** A %YAML directive's version. */
  readonly major: number;
  readonly minor: number;
}

/** A token of `type` between `start` and `end`. */
export function token(
  type: TokenType,
  start: Mark,
  end: Mark,
  value = "",
  suffix = "",
  style: ScalarStyle = ScalarStyle.Plain,
): Token {
  return { type, start, end, value, suffix, style, major: 0, minor: 0 };
}
