// What the per-minor table generators (scripts/apf, scripts/rbac) share: each distinct object
// text is kept once, and each minor lists the indices of its objects.

/** Distinct texts in first-seen order, each with its index. */
export class TextPool {
  readonly texts: string[] = [];
  readonly #indexOf = new Map<string, number>();

  /** The index of `text`, added at the end when not seen before. */
  indexOf(text: string): number {
    let index = this.#indexOf.get(text);
    if (index === undefined) {
      index = this.texts.push(text) - 1;
      this.#indexOf.set(text, index);
    }
    return index;
  }
}

/** A TypeScript string literal as deno fmt writes it: single-quoted unless that needs escapes. */
export const tsLiteral = (text: string) =>
  /['\\\n]/.test(text) ? JSON.stringify(text) : `'${text}'`;
