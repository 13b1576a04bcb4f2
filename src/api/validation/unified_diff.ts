// apimachinery's diff.Diff (v0.34 on): the two values as Go's json.MarshalIndent("", " ") prints
// them, compared line by line with go-difflib's SequenceMatcher and written as a unified diff
// with 3 lines of context and no file header. kube-apiserver puts it in immutability messages
// (a Pod's or a PersistentVolumeClaim's spec) from v1.34; before, go-cmp's report, whose spacing
// go-cmp randomizes on purpose, so no client can depend on it.
//
// Source: k8s.io/apimachinery v0.36 pkg/util/diff/diff.go; github.com/pmezard/go-difflib v1.0.0
// difflib.go (`GetMatchingBlocks`, `GetOpCodes`, `GetGroupedOpCodes`, `WriteUnifiedDiff`,
// `formatRangeUnified`, `SplitLines`). No junk heuristics: go-difflib drops popular lines only
// from 200 lines on, which no spec this is used for reaches.

type OpCode = [
  tag: "equal" | "replace" | "delete" | "insert",
  i1: number,
  i2: number,
  j1: number,
  j2: number,
];

/** The unified diff of two texts, as `difflib.GetUnifiedDiffString` with `Context: 3` writes it. */
export function unifiedDiff(before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  let out = "";
  for (const group of groupedOpCodes(opCodes(a, b), 3)) {
    const [first, last] = [group[0], group[group.length - 1]];
    out += `@@ -${range(first[1], last[2])} +${range(first[3], last[4])} @@\n`;
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === "equal") {
        for (const line of a.slice(i1, i2)) out += ` ${line}`;
        continue;
      }
      if (tag !== "insert") { for (const line of a.slice(i1, i2)) out += `-${line}`; }
      if (tag !== "delete") { for (const line of b.slice(j1, j2)) out += `+${line}`; }
    }
  }
  return out;
}

/** Go's `json.MarshalIndent(value, "", " ")` of a JSON value whose keys are in Go's order. */
export function goIndentedJson(value: unknown): string {
  // Go escapes <, > and & (and the JavaScript line separators) where JSON.stringify does not.
  return JSON.stringify(value, null, 1).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// difflib.SplitLines: every line keeps its newline, the last one gets one.
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  lines[lines.length - 1] += "\n";
  return lines;
}

function range(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (length === 1) return `${beginning}`;
  if (length === 0) beginning--;
  return `${beginning},${length}`;
}

function longestMatch(
  a: string[],
  where: Map<string, number[]>,
  alo: number,
  ahi: number,
  blo: number,
  bhi: number,
): [number, number, number] {
  let [besti, bestj, bestsize] = [alo, blo, 0];
  let lengths = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of where.get(a[i]) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (lengths.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
    }
    lengths = next;
  }
  return [besti, bestj, bestsize];
}

function opCodes(a: string[], b: string[]): OpCode[] {
  const where = new Map<string, number[]>();
  b.forEach((line, j) => {
    const list = where.get(line);
    if (list) list.push(j);
    else where.set(line, [j]);
  });
  const matched: [number, number, number][] = [];
  const blocks = (alo: number, ahi: number, blo: number, bhi: number) => {
    const [i, j, k] = longestMatch(a, where, alo, ahi, blo, bhi);
    if (k === 0) return;
    if (alo < i && blo < j) blocks(alo, i, blo, j);
    matched.push([i, j, k]);
    if (i + k < ahi && j + k < bhi) blocks(i + k, ahi, j + k, bhi);
  };
  blocks(0, a.length, 0, b.length);
  // Adjacent blocks merge into one.
  const merged: [number, number, number][] = [];
  for (const block of matched) {
    const last = merged[merged.length - 1];
    if (last && last[0] + last[2] === block[0] && last[1] + last[2] === block[1]) {
      last[2] += block[2];
    } else merged.push([...block]);
  }
  merged.push([a.length, b.length, 0]);
  const codes: OpCode[] = [];
  let [i, j] = [0, 0];
  for (const [ai, bj, size] of merged) {
    const tag = i < ai && j < bj ? "replace" : i < ai ? "delete" : j < bj ? "insert" : undefined;
    if (tag) codes.push([tag, i, ai, j, bj]);
    [i, j] = [ai + size, bj + size];
    if (size) codes.push(["equal", ai, i, bj, j]);
  }
  return codes;
}

function groupedOpCodes(codes: OpCode[], n: number): OpCode[][] {
  if (codes.length === 0) codes = [["equal", 0, 1, 0, 1]];
  codes = codes.map((code) => [...code] as OpCode);
  const first = codes[0];
  if (first[0] === "equal") {
    first[1] = Math.max(first[1], first[2] - n);
    first[3] = Math.max(first[3], first[4] - n);
  }
  const last = codes[codes.length - 1];
  if (last[0] === "equal") {
    last[2] = Math.min(last[2], last[1] + n);
    last[4] = Math.min(last[4], last[3] + n);
  }
  const groups: OpCode[][] = [];
  let group: OpCode[] = [];
  for (const code of codes) {
    let [tag, i1, i2, j1, j2] = code;
    if (tag === "equal" && i2 - i1 > 2 * n) {
      group.push([tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
      groups.push(group);
      group = [];
      [i1, j1] = [Math.max(i1, i2 - n), Math.max(j1, j2 - n)];
    }
    group.push([tag, i1, i2, j1, j2]);
  }
  if (group.length && !(group.length === 1 && group[0][0] === "equal")) groups.push(group);
  return groups;
}
