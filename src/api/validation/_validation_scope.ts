// Values one validation found clean, so that the checks upstream runs twice in one update run once.
//
// kube-apiserver's update validation of some kinds runs the create checks and the update checks,
// which both check the metadata's labels, annotations and owner references (a Node update also
// its taints, in ValidateNode and ValidateNodeUpdate). Within one `validateUpdate` the objects do
// not change, so a value found clean once is clean the second time. Only clean results are kept,
// and only while that validation runs: nothing is remembered across writes.

let clean: Set<object> | undefined;

/** Runs one validation with its own memo of clean values (nested calls share the outer one). */
export function withinValidation<T>(run: () => T): T {
  if (clean !== undefined) return run();
  clean = new Set();
  try {
    return run();
  } finally {
    clean = undefined;
  }
}

/** Whether the running validation found `value` clean already. */
export function foundClean(value: object): boolean {
  return clean !== undefined && clean.has(value);
}

/** Records that the running validation found `value` clean (outside one: nothing). */
export function markClean(value: object): void {
  clean?.add(value);
}
