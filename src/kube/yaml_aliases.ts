// YAML aliases as kube-apiserver's YAML decoder bounds them (go.yaml.in/yaml/v2, under
// sigs.k8s.io/yaml): a document is refused once alias expansions make up too much of what it
// decodes; an accepted one is expanded in linear time (the yaml package looks up every alias by
// scanning the document before it, which took 38 s for 50,000 aliases in a 500 KB body). Parse
// with `uniqueKeys: false`: the package's own check compares every key with every other (98 s for
// a map of 40,000 keys), and go-yaml allows a key twice anyway (go_yaml_decode.ts).

import { type Document, isAlias, isCollection, isPair, type Node } from "yaml";

/** A document refused, in go-yaml v2's words (`yaml: ...`). */
export class YamlAliasError extends Error {
  constructor(message: string) {
    super(`yaml: ${message}`);
    this.name = "YamlAliasError";
  }
}

/**
 * Checks `doc`'s aliases as go-yaml v2's `decoder.unmarshal` counts them, then replaces each alias
 * by the node it names, so that `doc.toJS()` expands them without resolving any. Every node
 * decoded counts once, and once more as aliased when decoded inside an alias; past 100 aliased
 * and 1,000 decoded, the aliased share may not exceed `allowedAliasRatio` (99%, down to 10% from
 * 400,000 to 4,000,000 decoded). The share only grows within an expansion, so checking at the end
 * of each outermost one (and at every other node) finds what the decoder finds as it goes.
 */
export function expandAliases(doc: Document): void {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  const sizes = new Map<Node, number>();
  const expanding = new Set<Node>();
  // The nodes an alias's target decodes, aliases within it expanded (memoized).
  const sizeOf = (node: Node): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (expanding.has(node)) {
      throw new YamlAliasError(`anchor '${node.anchor ?? ""}' value contains itself`);
    }
    expanding.add(node);
    let size = 1;
    if (isAlias(node)) size += sizeOf(targets.get(node)!);
    else if (isCollection(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          size += item.key ? sizeOf(item.key as Node) : 1;
          size += item.value ? sizeOf(item.value as Node) : 1;
        } else size += sizeOf(item as Node);
      }
    }
    expanding.delete(node);
    sizes.set(node, size);
    return size;
  };
  let decoded = 1; // the document node
  let aliased = 0;
  // Aliases are replaced once the walk is over: until then sizes count the alias nodes too.
  const replacements: (() => void)[] = [];
  // In document order, as the parser resolves aliases and the decoder walks.
  const check = () => {
    if (aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)) {
      throw new YamlAliasError("document contains excessive aliasing");
    }
  };
  const visit = (node: Node | null | undefined, replace: (target: Node) => void): void => {
    decoded++;
    check();
    if (!node) return;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) throw new YamlAliasError(`unknown anchor '${node.source}' referenced`);
      targets.set(node, target);
      const expanded = sizeOf(target);
      decoded += expanded;
      aliased += expanded;
      check();
      replacements.push(() => replace(target));
      return;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (!isCollection(node)) return;
    const items = node.items as unknown[];
    items.forEach((item, index) => {
      if (isPair(item)) {
        visit(item.key as Node, (target) => item.key = target);
        visit(item.value as Node, (target) => item.value = target);
      } else visit(item as Node, (target) => items[index] = target);
    });
  };
  visit(doc.contents as Node, (target) => doc.contents = target);
  for (const replace of replacements) replace();
}

// go.yaml.in/yaml/v2 decode.go allowedAliasRatio.
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}
