// Kept text made by concatenation, flattened once so that every later use does not re-walk its pieces.
//
// `a + b` makes a rope (JavaScriptCore) or cons string (V8): a tree of the pieces, resolved into
// one buffer when the text is first read. Resolving a rope makes that string flat in place, but
// not the ropes inside it: a text kept in a table and concatenated into every answer (a Node's
// managedFields list, thousands of FieldsV1 key pieces) was walked piece by piece again by each
// answer's Response or encoder, which cost Bun more than making the text had (~9 µs of a Node
// PATCH's ~60). Reading one character resolves it where it is kept, in both engines, as long as
// the character is used: JavaScriptCore's optimizing tiers drop a read whose value goes nowhere,
// so once the JIT had compiled the callers (after a few thousand writes) nothing was flattened
// any more (bun:jsc's `describe` showed the kept texts unresolved). The character is stored where
// no compiler can drop it.
let _lastRead = 0;

/** `text`, flattened where it is (same string, same value): for text that is kept and reused. */
export function flatText(text: string): string {
  _lastRead = text.charCodeAt(0);
  return text;
}
