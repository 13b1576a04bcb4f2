// libyaml's parser as go-yaml v2 ports it (parserc.go): a state machine over the scanner's
// tokens producing events, with an explicit stack of states in place of recursion, so any depth
// the scanner lets through parses. Errors are thrown as YamlError.

import { type Event, event, EventType } from "./events.ts";
import { Scanner } from "./scanner.ts";
import { ScalarStyle, type Token, TokenType } from "./tokens.ts";
import { type Mark, syntaxError } from "./yaml_error.ts";

const State = {
  StreamStart: 0,
  ImplicitDocumentStart: 1,
  DocumentStart: 2,
  DocumentContent: 3,
  DocumentEnd: 4,
  BlockNode: 5,
  BlockNodeOrIndentlessSequence: 6,
  FlowNode: 7,
  BlockSequenceFirstEntry: 8,
  BlockSequenceEntry: 9,
  IndentlessSequenceEntry: 10,
  BlockMappingFirstKey: 11,
  BlockMappingKey: 12,
  BlockMappingValue: 13,
  FlowSequenceFirstEntry: 14,
  FlowSequenceEntry: 15,
  FlowSequenceEntryMappingKey: 16,
  FlowSequenceEntryMappingValue: 17,
  FlowSequenceEntryMappingEnd: 18,
  FlowMappingFirstKey: 19,
  FlowMappingKey: 20,
  FlowMappingValue: 21,
  FlowMappingEmptyValue: 22,
  End: 23,
} as const;
type State = typeof State[keyof typeof State];

const DEFAULT_TAG_DIRECTIVES: [string, string][] = [["!", "!"], ["!!", "tag:yaml.org,2002:"]];

/** Turns YAML text into events, one `next()` at a time, as yaml_parser_parse does. */
export class Parser {
  readonly #scanner: Scanner;
  #state: State = State.StreamStart;
  #states: State[] = [];
  #marks: Mark[] = [];
  #tagDirectives: [string, string][] = [];

  constructor(text: string) {
    this.#scanner = new Scanner(text);
  }

  /** The next event (stream end once the stream is over). */
  next(): Event {
    const s = this.#scanner;
    switch (this.#state) {
      case State.StreamStart: {
        const t = s.peek();
        this.#state = State.ImplicitDocumentStart;
        s.skipToken();
        return event(EventType.StreamStart, t.start);
      }
      case State.ImplicitDocumentStart:
        return this.#documentStart(true);
      case State.DocumentStart:
        return this.#documentStart(false);
      case State.DocumentContent:
        return this.#documentContent();
      case State.DocumentEnd:
        return this.#documentEnd();
      case State.BlockNode:
        return this.#node(true, false);
      case State.BlockNodeOrIndentlessSequence:
        return this.#node(true, true);
      case State.FlowNode:
        return this.#node(false, false);
      case State.BlockSequenceFirstEntry:
        return this.#blockSequenceEntry(true);
      case State.BlockSequenceEntry:
        return this.#blockSequenceEntry(false);
      case State.IndentlessSequenceEntry:
        return this.#indentlessSequenceEntry();
      case State.BlockMappingFirstKey:
        return this.#blockMappingKey(true);
      case State.BlockMappingKey:
        return this.#blockMappingKey(false);
      case State.BlockMappingValue:
        return this.#blockMappingValue();
      case State.FlowSequenceFirstEntry:
        return this.#flowSequenceEntry(true);
      case State.FlowSequenceEntry:
        return this.#flowSequenceEntry(false);
      case State.FlowSequenceEntryMappingKey:
        return this.#flowSequenceEntryMappingKey();
      case State.FlowSequenceEntryMappingValue:
        return this.#flowSequenceEntryMappingValue();
      case State.FlowSequenceEntryMappingEnd:
        this.#state = State.FlowSequenceEntry;
        return event(EventType.MappingEnd, s.peek().start);
      case State.FlowMappingFirstKey:
        return this.#flowMappingKey(true);
      case State.FlowMappingKey:
        return this.#flowMappingKey(false);
      case State.FlowMappingValue:
        return this.#flowMappingValue(false);
      case State.FlowMappingEmptyValue:
        return this.#flowMappingValue(true);
      default:
        return event(EventType.StreamEnd, s.mark());
    }
  }

  #pop(): void {
    this.#state = this.#states.pop()!;
  }

  #documentStart(implicit: boolean): Event {
    const s = this.#scanner;
    let t = s.peek();
    if (!implicit) {
      while (t.type === TokenType.DocumentEnd) {
        s.skipToken();
        t = s.peek();
      }
    }
    if (
      implicit && t.type !== TokenType.VersionDirective && t.type !== TokenType.TagDirective &&
      t.type !== TokenType.DocumentStart && t.type !== TokenType.StreamEnd
    ) {
      this.#processDirectives();
      this.#states.push(State.DocumentEnd);
      this.#state = State.BlockNode;
      return event(EventType.DocumentStart, t.start);
    }
    if (t.type !== TokenType.StreamEnd) {
      const start = t.start;
      this.#processDirectives();
      t = s.peek();
      if (t.type !== TokenType.DocumentStart) {
        throw syntaxError(false, "did not find expected <document start>", t.start);
      }
      this.#states.push(State.DocumentEnd);
      this.#state = State.DocumentContent;
      s.skipToken();
      return event(EventType.DocumentStart, start);
    }
    this.#state = State.End;
    s.skipToken();
    return event(EventType.StreamEnd, t.start);
  }

  #documentContent(): Event {
    const t = this.#scanner.peek();
    if (
      t.type === TokenType.VersionDirective || t.type === TokenType.TagDirective ||
      t.type === TokenType.DocumentStart || t.type === TokenType.DocumentEnd ||
      t.type === TokenType.StreamEnd
    ) {
      this.#pop();
      return emptyScalar(t.start);
    }
    return this.#node(true, false);
  }

  #documentEnd(): Event {
    const s = this.#scanner;
    const t = s.peek();
    if (t.type === TokenType.DocumentEnd) s.skipToken();
    this.#tagDirectives = [];
    this.#state = State.DocumentStart;
    return event(EventType.DocumentEnd, t.start);
  }

  // yaml_parser_parse_node.
  #node(block: boolean, indentlessSequence: boolean): Event {
    const s = this.#scanner;
    let t = s.peek();
    if (t.type === TokenType.Alias) {
      this.#pop();
      s.skipToken();
      return {
        type: EventType.Alias,
        start: t.start,
        anchor: t.value,
        tag: "",
        value: "",
        implicit: false,
      };
    }
    const start = t.start;
    let anchor = "";
    let tagToken: Token | undefined;
    if (t.type === TokenType.Anchor) {
      anchor = t.value;
      s.skipToken();
      t = s.peek();
      if (t.type === TokenType.Tag) {
        tagToken = t;
        s.skipToken();
        t = s.peek();
      }
    } else if (t.type === TokenType.Tag) {
      tagToken = t;
      s.skipToken();
      t = s.peek();
      if (t.type === TokenType.Anchor) {
        anchor = t.value;
        s.skipToken();
        t = s.peek();
      }
    }
    let tag = "";
    if (tagToken) {
      if (tagToken.value.length === 0) tag = tagToken.suffix;
      else {
        const directive = this.#tagDirectives.find(([handle]) => handle === tagToken.value);
        if (directive) tag = directive[1] + tagToken.suffix;
        if (tag.length === 0) {
          throw syntaxError(false, "found undefined tag handle", tagToken.start, start);
        }
      }
    }
    const implicit = tag.length === 0;
    if (indentlessSequence && t.type === TokenType.BlockEntry) {
      this.#state = State.IndentlessSequenceEntry;
      return { type: EventType.SequenceStart, start, anchor, tag, value: "", implicit };
    }
    if (t.type === TokenType.Scalar) {
      const plain = (tag.length === 0 && t.style === ScalarStyle.Plain) || tag === "!";
      this.#pop();
      s.skipToken();
      return { type: EventType.Scalar, start, anchor, tag, value: t.value, implicit: plain };
    }
    let collection: EventType | undefined;
    if (t.type === TokenType.FlowSequenceStart) {
      this.#state = State.FlowSequenceFirstEntry;
      collection = EventType.SequenceStart;
    } else if (t.type === TokenType.FlowMappingStart) {
      this.#state = State.FlowMappingFirstKey;
      collection = EventType.MappingStart;
    } else if (block && t.type === TokenType.BlockSequenceStart) {
      this.#state = State.BlockSequenceFirstEntry;
      collection = EventType.SequenceStart;
    } else if (block && t.type === TokenType.BlockMappingStart) {
      this.#state = State.BlockMappingFirstKey;
      collection = EventType.MappingStart;
    }
    if (collection !== undefined) {
      return { type: collection, start, anchor, tag, value: "", implicit };
    }
    if (anchor.length > 0 || tag.length > 0) {
      this.#pop();
      return { type: EventType.Scalar, start, anchor, tag, value: "", implicit };
    }
    throw syntaxError(false, "did not find expected node content", t.start, start);
  }

  #blockSequenceEntry(first: boolean): Event {
    const s = this.#scanner;
    if (first) {
      this.#marks.push(s.peek().start);
      s.skipToken();
    }
    let t = s.peek();
    if (t.type === TokenType.BlockEntry) {
      const mark = t.end;
      s.skipToken();
      t = s.peek();
      if (t.type !== TokenType.BlockEntry && t.type !== TokenType.BlockEnd) {
        this.#states.push(State.BlockSequenceEntry);
        return this.#node(true, false);
      }
      this.#state = State.BlockSequenceEntry;
      return emptyScalar(mark);
    }
    if (t.type === TokenType.BlockEnd) {
      this.#pop();
      this.#marks.pop();
      s.skipToken();
      return event(EventType.SequenceEnd, t.start);
    }
    const context = this.#marks.pop();
    throw syntaxError(false, "did not find expected '-' indicator", t.start, context);
  }

  #indentlessSequenceEntry(): Event {
    const s = this.#scanner;
    let t = s.peek();
    if (t.type === TokenType.BlockEntry) {
      const mark = t.end;
      s.skipToken();
      t = s.peek();
      if (
        t.type !== TokenType.BlockEntry && t.type !== TokenType.Key &&
        t.type !== TokenType.Value && t.type !== TokenType.BlockEnd
      ) {
        this.#states.push(State.IndentlessSequenceEntry);
        return this.#node(true, false);
      }
      this.#state = State.IndentlessSequenceEntry;
      return emptyScalar(mark);
    }
    this.#pop();
    return event(EventType.SequenceEnd, t.start);
  }

  #blockMappingKey(first: boolean): Event {
    const s = this.#scanner;
    if (first) {
      this.#marks.push(s.peek().start);
      s.skipToken();
    }
    let t = s.peek();
    if (t.type === TokenType.Key) {
      const mark = t.end;
      s.skipToken();
      t = s.peek();
      if (
        t.type !== TokenType.Key && t.type !== TokenType.Value && t.type !== TokenType.BlockEnd
      ) {
        this.#states.push(State.BlockMappingValue);
        return this.#node(true, true);
      }
      this.#state = State.BlockMappingValue;
      return emptyScalar(mark);
    }
    if (t.type === TokenType.BlockEnd) {
      this.#pop();
      this.#marks.pop();
      s.skipToken();
      return event(EventType.MappingEnd, t.start);
    }
    const context = this.#marks.pop();
    throw syntaxError(false, "did not find expected key", t.start, context);
  }

  #blockMappingValue(): Event {
    const s = this.#scanner;
    let t = s.peek();
    if (t.type === TokenType.Value) {
      const mark = t.end;
      s.skipToken();
      t = s.peek();
      if (
        t.type !== TokenType.Key && t.type !== TokenType.Value && t.type !== TokenType.BlockEnd
      ) {
        this.#states.push(State.BlockMappingKey);
        return this.#node(true, true);
      }
      this.#state = State.BlockMappingKey;
      return emptyScalar(mark);
    }
    this.#state = State.BlockMappingKey;
    return emptyScalar(t.start);
  }

  #flowSequenceEntry(first: boolean): Event {
    const s = this.#scanner;
    if (first) {
      this.#marks.push(s.peek().start);
      s.skipToken();
    }
    let t = s.peek();
    if (t.type !== TokenType.FlowSequenceEnd) {
      if (!first) {
        if (t.type !== TokenType.FlowEntry) {
          const context = this.#marks.pop();
          throw syntaxError(false, "did not find expected ',' or ']'", t.start, context);
        }
        s.skipToken();
        t = s.peek();
      }
      if (t.type === TokenType.Key) {
        this.#state = State.FlowSequenceEntryMappingKey;
        s.skipToken();
        return { ...event(EventType.MappingStart, t.start), implicit: true };
      }
      if (t.type !== TokenType.FlowSequenceEnd) {
        this.#states.push(State.FlowSequenceEntry);
        return this.#node(false, false);
      }
    }
    this.#pop();
    this.#marks.pop();
    s.skipToken();
    return event(EventType.SequenceEnd, t.start);
  }

  #flowSequenceEntryMappingKey(): Event {
    const s = this.#scanner;
    const t = s.peek();
    if (
      t.type !== TokenType.Value && t.type !== TokenType.FlowEntry &&
      t.type !== TokenType.FlowSequenceEnd
    ) {
      this.#states.push(State.FlowSequenceEntryMappingValue);
      return this.#node(false, false);
    }
    const mark = t.end;
    s.skipToken();
    this.#state = State.FlowSequenceEntryMappingValue;
    return emptyScalar(mark);
  }

  #flowSequenceEntryMappingValue(): Event {
    const s = this.#scanner;
    let t = s.peek();
    if (t.type === TokenType.Value) {
      s.skipToken();
      t = s.peek();
      if (t.type !== TokenType.FlowEntry && t.type !== TokenType.FlowSequenceEnd) {
        this.#states.push(State.FlowSequenceEntryMappingEnd);
        return this.#node(false, false);
      }
    }
    this.#state = State.FlowSequenceEntryMappingEnd;
    return emptyScalar(t.start);
  }

  #flowMappingKey(first: boolean): Event {
    const s = this.#scanner;
    if (first) {
      this.#marks.push(s.peek().start);
      s.skipToken();
    }
    let t = s.peek();
    if (t.type !== TokenType.FlowMappingEnd) {
      if (!first) {
        if (t.type !== TokenType.FlowEntry) {
          const context = this.#marks.pop();
          throw syntaxError(false, "did not find expected ',' or '}'", t.start, context);
        }
        s.skipToken();
        t = s.peek();
      }
      if (t.type === TokenType.Key) {
        s.skipToken();
        t = s.peek();
        if (
          t.type !== TokenType.Value && t.type !== TokenType.FlowEntry &&
          t.type !== TokenType.FlowMappingEnd
        ) {
          this.#states.push(State.FlowMappingValue);
          return this.#node(false, false);
        }
        this.#state = State.FlowMappingValue;
        return emptyScalar(t.start);
      }
      if (t.type !== TokenType.FlowMappingEnd) {
        this.#states.push(State.FlowMappingEmptyValue);
        return this.#node(false, false);
      }
    }
    this.#pop();
    this.#marks.pop();
    s.skipToken();
    return event(EventType.MappingEnd, t.start);
  }

  #flowMappingValue(empty: boolean): Event {
    const s = this.#scanner;
    let t = s.peek();
    if (empty) {
      this.#state = State.FlowMappingKey;
      return emptyScalar(t.start);
    }
    if (t.type === TokenType.Value) {
      s.skipToken();
      t = s.peek();
      if (t.type !== TokenType.FlowEntry && t.type !== TokenType.FlowMappingEnd) {
        this.#states.push(State.FlowMappingKey);
        return this.#node(false, false);
      }
    }
    this.#state = State.FlowMappingKey;
    return emptyScalar(t.start);
  }

  // yaml_parser_process_directives: %YAML 1.1 only, each %TAG handle once, then the defaults.
  #processDirectives(): void {
    const s = this.#scanner;
    let version = false;
    let t = s.peek();
    while (t.type === TokenType.VersionDirective || t.type === TokenType.TagDirective) {
      if (t.type === TokenType.VersionDirective) {
        if (version) throw syntaxError(false, "found duplicate %YAML directive", t.start);
        if (t.major !== 1 || t.minor !== 1) {
          throw syntaxError(false, "found incompatible YAML document", t.start);
        }
        version = true;
      } else {
        if (this.#tagDirectives.some(([handle]) => handle === t.value)) {
          throw syntaxError(false, "found duplicate %TAG directive", t.start);
        }
        this.#tagDirectives.push([t.value, t.suffix]);
      }
      s.skipToken();
      t = s.peek();
    }
    for (const directive of DEFAULT_TAG_DIRECTIVES) {
      if (!this.#tagDirectives.some(([handle]) => handle === directive[0])) {
        this.#tagDirectives.push(directive);
      }
    }
  }
}

function emptyScalar(mark: Mark): Event {
  return { type: EventType.Scalar, start: mark, anchor: "", tag: "", value: "", implicit: true };
}
