// Probes of YAML bodies as go-yaml v2 reads them (sigs.k8s.io/yaml): libyaml's error words and
// lines, YAML 1.1 scalars, the first document only, and keys given twice (allowed, the last
// winning; a warning, or under fieldValidation=Strict a 400).

import type { Probe } from "./_probes.ts";

const NS = "/api/v1/namespaces/oracle-yaml/configmaps";
const APPLY = "application/apply-patch+yaml";
const YAML = "application/yaml";
const configMap = (name: string, data: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;
// Sent to the object the body names (`a` when it names none).
const apply = (name: string, body: string, query = ""): Probe => ({
  name,
  method: "PATCH",
  path: `${NS}/${/ name: (\S+)/.exec(body)?.[1] ?? "a"}?fieldManager=y${query}`,
  body,
  contentType: APPLY,
});

/** YAML apply patches and create bodies, good and bad, as kubectl and Helm users write them. */
export const yamlBodies: Probe[] = [
  {
    name: "create namespace oracle-yaml",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: "oracle-yaml" } },
    setup: true,
  },
  apply("yaml dedented key", configMap("a", '  a: "1"\n b: "2"\n')),
  apply("yaml tab indent", configMap("a", '\ta: "1"\n')),
  apply("yaml tab after key", configMap("a", '  a: "1"\n\tb: "2"\n')),
  apply("yaml missing colon", "apiVersion: v1\nkind\nmetadata:\n  name: a\n"),
  apply("yaml unclosed list", configMap("a", "  a: [1, 2\n")),
  apply("yaml unclosed quote", configMap("a", '  a: "1\n')),
  apply("yaml nested compact mapping", configMap("a", "  a: b: c\n")),
  apply("yaml reserved character", configMap("a", "  a: @x\n")),
  apply("yaml unknown anchor", configMap("a", "  a: *x\n")),
  apply("yaml list body", "- a\n- b\n"),
  apply("yaml duplicate keys", configMap("dup", '  a: "1"\n  a: "2"\n')),
  apply(
    "yaml duplicate keys strict",
    configMap("dup", '  a: "1"\n  a: "2"\n'),
    "&fieldValidation=Strict",
  ),
  // The first document only: what follows `---` is never parsed.
  apply("yaml two documents", `${configMap("two", '  a: "1"\n')}---\nkind: [\n`),
  // YAML 1.1: `yes` is a boolean, which a ConfigMap's data refuses.
  apply("yaml 1.1 boolean", configMap("bool", "  a: yes\n")),
  apply("yaml sexagesimal stays a string", configMap("sexa", "  a: 1:20\n")),
  {
    name: "create yaml bad",
    method: "POST",
    path: NS,
    body: "metadata: [",
    contentType: YAML,
  },
  {
    name: "create yaml name y",
    method: "POST",
    path: NS,
    body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n",
    contentType: YAML,
  },
];
