// The Job registry strategy's generated selector: k8s.io/kubernetes pkg/registry/batch/job/strategy.go.

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * Unless `manualSelector` is true, labels the template with the Job's name and uid (the legacy
 * and the `batch.kubernetes.io/` keys) and selects `batch.kubernetes.io/controller-uid`; labels
 * the user set are kept (a conflict is validation's to reject); a Job without labels of its own
 * gets the template's. Runs on create only.
 */
export function generateJobSelector(job: Loose, uid: string): void {
  const spec = job.spec;
  if (!spec || typeof spec !== "object" || spec.manualSelector === true) return;
  const template = spec.template && typeof spec.template === "object"
    ? spec.template
    : (spec.template = {});
  const metadata = template.metadata && typeof template.metadata === "object"
    ? template.metadata
    : (template.metadata = {});
  const labels = metadata.labels && typeof metadata.labels === "object"
    ? metadata.labels
    : (metadata.labels = {});
  // SetDefaults_Job gave a Job without labels its template's label map itself (Go aliases it), and
  // runs again when the stored Job is decoded for the answer: either way the Job ends up with the
  // template's labels, generated ones included, unless it had labels of its own.
  const own = job.metadata?.labels;
  const copiesTemplate = !own || typeof own !== "object" || Object.keys(own).length === 0 ||
    sameLabels(own, labels);
  const name = String(job.metadata?.name ?? "");
  for (const key of ["job-name", "batch.kubernetes.io/job-name"]) {
    if (!Object.hasOwn(labels, key)) labels[key] = name;
  }
  for (const key of ["controller-uid", "batch.kubernetes.io/controller-uid"]) {
    if (!Object.hasOwn(labels, key)) labels[key] = uid;
  }
  const selector = spec.selector && typeof spec.selector === "object"
    ? spec.selector
    : (spec.selector = {});
  const matchLabels = selector.matchLabels && typeof selector.matchLabels === "object"
    ? selector.matchLabels
    : (selector.matchLabels = {});
  if (!Object.hasOwn(matchLabels, "batch.kubernetes.io/controller-uid")) {
    matchLabels["batch.kubernetes.io/controller-uid"] = uid;
  }
  if (copiesTemplate && job.metadata && typeof job.metadata === "object") {
    job.metadata.labels = { ...labels };
  }
}

// Equal label maps (both decoded JSON objects of strings).
function sameLabels(a: Loose, b: Loose): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
