// A YAML body that is plain JSON, decoded by JSON.parse: what the YAML parser would make of it, at a fraction of its cost.
//
// Clients send server-side apply patches (`application/apply-patch+yaml`) as JSON: kubectl,
// client-go's typed apply configurations and controller-runtime marshal them so. JSON is YAML, and
// for a JSON document the YAML parser builds the same value (numbers, escapes and `__proto__` keys
// included), except where YAML refuses what JSON.parse takes: a key given twice. A document that
// might hold one, or anything else out of the plain (`\"` in a string, tabs, text around the
// object), is left to the YAML parser, which decides as before.

type Body = unknown;

/**
 * The value of `text` when it is one plain JSON object with every key once (JSON.parse's value is
 * then the YAML parser's), else undefined.
 */
export function plainJsonDocument(text: string): Body | undefined {
  const object = text.trim();
  if (object.charCodeAt(0) !== 0x7b || object.charCodeAt(object.length - 1) !== 0x7d) {
    return undefined;
  }
  if (text.includes('\\"') || text.includes("\t")) return undefined;
  let value: Body;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Without an escaped quote in the text, `":` ends a key and nothing else (a string cannot hold
  // a quote, and a value is never followed by a colon): as many as the value's keys when none
  // was given twice. A space before a colon makes fewer, which also leaves it to the parser.
  return jsonKeyCount(value) === occurrences(text, '":') ? value : undefined;
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/** Keys of every object in a JSON value; iterative, as deep as the caller allowed the text to nest. */
export function jsonKeyCount(value: Body): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== "object") continue;
    if (Array.isArray(next)) {
      for (const item of next) if (item !== null && typeof item === "object") pending.push(item);
      continue;
    }
    for (const key in next) {
      count++;
      const child = (next as Record<string, unknown>)[key];
      if (child !== null && typeof child === "object") pending.push(child);
    }
  }
  return count;
}
