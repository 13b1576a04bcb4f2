// A PersistentVolumeClaim's data sources as its registry strategy leaves them (KEP 1495).
//
// k8s.io/kubernetes v1.36.3 pkg/api/persistentvolumeclaim/util.go, called by the strategy's
// PrepareForCreate and PrepareForUpdate: DropDisabledFields (a cross-namespace `dataSourceRef`
// goes while the alpha CrossNamespaceVolumeDataSource gate is off), then
// EnforceDataSourceBackwardsCompatibility (a `dataSource` that is neither a PVC nor a
// VolumeSnapshot is dropped unless `dataSourceRef` is set), then NormalizeDataSources (whichever
// of the two is set alone is copied into the other). A changed spec is a new object, so the store
// shapes it again (its identity no longer matches the shaped one).

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The claim's data sources after a create (`current` absent) or an update of `current`, in place. */
export function normalizeClaimDataSources(claim: Loose, current?: Loose): void {
  const spec = claim?.spec;
  if (spec === null || typeof spec !== "object") return;
  const old = current?.spec;
  const next = { ...spec };
  let changed = false;
  // DropDisabledFields: kept when the stored claim already had a dataSourceRef.
  if (
    isSet(next.dataSourceRef) && nonEmpty(next.dataSourceRef.namespace) &&
    !isSet(old?.dataSourceRef)
  ) {
    delete next.dataSourceRef;
    changed = true;
  }
  // EnforceDataSourceBackwardsCompatibility: an update of a claim with a data source keeps it.
  const inUse = isSet(old?.dataSource) || isSet(old?.dataSourceRef);
  if (
    !inUse && !isSet(next.dataSourceRef) && isSet(next.dataSource) &&
    !pvcOrSnapshot(next.dataSource)
  ) {
    delete next.dataSource;
    changed = true;
  }
  if (isSet(next.dataSource) && !isSet(next.dataSourceRef)) {
    next.dataSourceRef = reference(next.dataSource);
    changed = true;
  } else if (
    isSet(next.dataSourceRef) && !isSet(next.dataSource) && !nonEmpty(next.dataSourceRef.namespace)
  ) {
    next.dataSource = reference(next.dataSourceRef);
    changed = true;
  }
  if (changed) claim.spec = next;
}

function isSet(value: unknown): value is Loose {
  return value !== undefined && value !== null;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}

// dataSourceIsPvcOrSnapshot.
function pvcOrSnapshot(source: Loose): boolean {
  const group = typeof source.apiGroup === "string" ? source.apiGroup : "";
  return (source.kind === "PersistentVolumeClaim" && group === "") ||
    (source.kind === "VolumeSnapshot" && group === "snapshot.storage.k8s.io");
}

// Kind and name, and the API group when the source has one (a nil pointer stays nil).
function reference(source: Loose): Loose {
  const copy: Loose = { kind: source.kind, name: source.name };
  if (typeof source.apiGroup === "string") copy.apiGroup = source.apiGroup;
  return copy;
}
