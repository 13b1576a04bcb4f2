// Go's order of strings (byte order of their UTF-8), which map keys take in kube-apiserver's output.
//
// encoding/json sorts map keys with `<` on Go strings, and gogo-protobuf's generated marshallers
// with sort.Strings: both compare UTF-8 bytes, i.e. code points. JavaScript's `<` compares UTF-16
// code units, which agrees except between a supplementary character (a surrogate pair,
// 0xD800–0xDFFF) and one of U+E000–U+FFFF. And a JavaScript object lists its array-index keys
// ("0", "7", "10") first in numeric order whatever order they were put in, so a map holding such
// keys cannot be stored in Go's order at all: `goOrderedJson` writes those maps in order.

/** Whether `a` sorts before `b` in Go's string order (UTF-8 bytes). */
export function goLess(a: string, b: string): boolean {
  const length = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates UTF-16 and UTF-8 agree; above, lift surrogates over U+E000–U+FFFF.
    if (x < 0xd800 || y < 0xd800) return x < y;
    return lifted(x) < lifted(y);
  }
  return a.length < b.length;
}

function lifted(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** A comparator for `Array.prototype.sort` in Go's string order. */
export function goCompare(a: string, b: string): number {
  return a === b ? 0 : goLess(a, b) ? -1 : 1;
}

/** Whether `keys` are in Go's string order already. */
export function inGoOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (!goLess(keys[i - 1], keys[i])) return false;
  }
  return true;
}

/** `keys` sorted in Go's string order (the array itself when it is so already). */
export function goSorted(keys: string[]): string[] {
  return inGoOrder(keys) ? keys : keys.sort(goCompare);
}

// An array index ("0" to "4294967294" without leading zeros): JavaScript objects list these first.
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;

/** Whether an object lists `key` before its other keys whatever the order it was put in. */
export function isArrayIndexKey(key: string): boolean {
  return ARRAY_INDEX.test(key) && Number(key) < 4294967295;
}
