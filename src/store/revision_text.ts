// The decimal text of a resourceVersion, one string per small number for every cluster.

// Every cluster's store counts from 1, and each boots through the same first hundred or so
// revisions (seeded objects, then its controllers' writes): 10,000 clusters would each hold their
// own "1" … "120" in every object's metadata (JSC caches only the last few number texts), ~40
// bytes apiece. Below this bound the text is made once per process and shared.
const SHARED_BELOW = 4_096;
const texts: string[] = [];

/** `String(revision)`, the same string instance for every store while the revision is small. */
export function revisionText(revision: number): string {
  if (revision >= SHARED_BELOW || revision < 0 || !Number.isInteger(revision)) {
    return String(revision);
  }
  return texts[revision] ??= String(revision);
}
