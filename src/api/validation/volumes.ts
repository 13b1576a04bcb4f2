// A pod's volumes and its containers' volume mounts (kubernetes v1.33).
//
// Sources: k8s.io/kubernetes pkg/apis/core/validation/validation.go `ValidateVolumes`,
// `validateVolumeSource` (one source per volume, in this order, with upstream's path quirks:
// `cephFS`, `downwarAPI`), `validateHostPathVolumeSource`, `validateSecretVolumeSource`,
// `validateConfigMapVolumeSource`, `validateKeyToPath`, `validateProjectionSources`,
// `validatePersistentClaimVolumeSource`, `validateNFSVolumeSource`, `validateGitRepoVolumeSource`,
// `ValidateVolumeMounts`. Sources
// without a row of checks here are counted (one per volume) but not looked into.

import {
  appendErrors,
  duplicate,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import { isDNS1123Label } from "./formats.ts";
import { isNegativeQuantity } from "./quantities.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";
// supportedHostPathTypes, as sets.List sorts them.
const HOST_PATH_TYPES = [
  "",
  "BlockDevice",
  "CharDevice",
  "Directory",
  "DirectoryOrCreate",
  "File",
  "FileOrCreate",
  "Socket",
];

/** One volume source: its JSON field, the path its "more than 1" error names, its checks. */
interface SourceRow {
  readonly field: string;
  readonly forbiddenAt?: string;
  readonly check?: (source: Loose, path: string) => FieldError[];
}

// validateVolumeSource's order. The first source set counts; each later one is Forbidden.
const SOURCES: readonly SourceRow[] = [
  { field: "emptyDir", check: emptyDir },
  { field: "hostPath", check: hostPath },
  { field: "gitRepo", check: gitRepo },
  { field: "gcePersistentDisk" },
  { field: "awsElasticBlockStore" },
  { field: "secret", check: secret },
  { field: "nfs", check: nfs },
  { field: "iscsi" },
  { field: "glusterfs" },
  { field: "flocker" },
  { field: "persistentVolumeClaim", check: persistentVolumeClaim },
  { field: "rbd" },
  { field: "cinder" },
  { field: "cephfs", forbiddenAt: "cephFS" },
  { field: "quobyte" },
  { field: "downwardAPI", forbiddenAt: "downwarAPI" },
  { field: "fc" },
  { field: "flexVolume" },
  { field: "configMap", check: configMap },
  { field: "azureFile" },
  { field: "vsphereVolume" },
  { field: "photonPersistentDisk" },
  { field: "portworxVolume" },
  { field: "azureDisk" },
  { field: "storageos" },
  { field: "projected", check: projected },
  { field: "scaleIO" },
  { field: "csi" },
  { field: "ephemeral" },
  { field: "image" },
];

/**
 * `ValidateVolumes`: each volume's source, then its name (DNS label, unique). Returns the names of
 * the volumes without errors, which mounts may refer to, and the errors.
 */
export function validateVolumes(
  volumes: unknown,
  path: string,
): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  if (!Array.isArray(volumes)) return { names, errors };
  for (let i = 0; i < volumes.length; i++) {
    const volume: Loose = volumes[i];
    const at = `${path}[${i}]`;
    const name = typeof volume?.name === "string" ? volume.name : "";
    const own = volumeSource(volume ?? {}, at);
    if (!name) own.push(required(`${at}.name`));
    else for (const m of isDNS1123Label(name)) own.push(invalid(`${at}.name`, name, m));
    if (names.has(name)) own.push(duplicate(`${at}.name`, name));
    if (own.length === 0) names.add(name);
    else appendErrors(errors, own);
  }
  return { names, errors };
}

// Where each source field sits in SOURCES: a volume's own keys are looked up, not every row.
const SOURCE_INDEX = new Map(SOURCES.map((row, i) => [row.field, i]));

function volumeSource(volume: Loose, path: string): FieldError[] {
  const present: number[] = [];
  for (const key in volume) {
    const index = SOURCE_INDEX.get(key);
    const source = volume[key];
    if (index !== undefined && source !== undefined && source !== null) present.push(index);
  }
  if (present.length === 0) return [required(path, "must specify a volume type")];
  if (present.length > 1) present.sort((a, b) => a - b);
  const errors: FieldError[] = [];
  for (let n = 0; n < present.length; n++) {
    const index = present[n];
    const row = SOURCES[index];
    if (n > 0) {
      errors.push(
        forbidden(
          `${path}.${row.forbiddenAt ?? row.field}`,
          "may not specify more than 1 volume type",
        ),
      );
    } else if (row.check) {
      appendErrors(errors, row.check(volume[row.field], `${path}.${row.field}`));
    }
  }
  return errors;
}

function emptyDir(source: Loose, path: string): FieldError[] {
  if (typeof source.sizeLimit !== "string" || !isNegativeQuantity(source.sizeLimit)) return [];
  return [forbidden(`${path}.sizeLimit`, "SizeLimit field must be a valid resource quantity")];
}

function hostPath(source: Loose, path: string): FieldError[] {
  const target = stringOf(source.path);
  if (!target) return [required(`${path}.path`)];
  const errors = noBacksteps(target, `${path}.path`);
  const type = source.type;
  if (typeof type === "string" && !HOST_PATH_TYPES.includes(type)) {
    errors.push(notSupported(`${path}.type`, type, HOST_PATH_TYPES));
  }
  return errors;
}

function gitRepo(source: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!stringOf(source.repository)) errors.push(required(`${path}.repository`));
  appendErrors(
    errors,
    validateLocalDescendingPath(stringOf(source.directory), `${path}.directory`),
  );
  return errors;
}

function secret(source: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!stringOf(source.secretName)) errors.push(required(`${path}.secretName`));
  return [...errors, ...modeAndItems(source, path)];
}

function configMap(source: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!stringOf(source.name)) errors.push(required(`${path}.name`));
  return [...errors, ...modeAndItems(source, path)];
}

function persistentVolumeClaim(source: Loose, path: string): FieldError[] {
  return stringOf(source.claimName) ? [] : [required(`${path}.claimName`)];
}

function nfs(source: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const target = stringOf(source.path);
  if (!stringOf(source.server)) errors.push(required(`${path}.server`));
  if (!target) errors.push(required(`${path}.path`));
  if (!target.startsWith("/")) {
    errors.push(invalid(`${path}.path`, target, "must be an absolute path"));
  }
  return errors;
}

// defaultMode, then each item (validateKeyToPath).
function modeAndItems(source: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (badMode(source.defaultMode)) {
    errors.push(invalid(`${path}.defaultMode`, source.defaultMode, FILE_MODE));
  }
  const items: Loose[] = Array.isArray(source.items) ? source.items : [];
  items.forEach((item, i) => appendErrors(errors, keyToPath(item, `${path}.items[${i}]`)));
  return errors;
}

// validateKeyToPath: a key, a relative path kept inside the volume, a file mode.
function keyToPath(item: Loose, at: string): FieldError[] {
  const key = stringOf(item?.key), target = stringOf(item?.path);
  // The usual item (a key, a plain relative path) passes every check below: no lists made.
  if (key && target && target[0] !== "/" && !target.includes("..") && !badMode(item.mode)) {
    return [];
  }
  const errors: FieldError[] = [];
  if (!key) errors.push(required(`${at}.key`));
  if (!target) errors.push(required(`${at}.path`));
  appendErrors(errors, validateLocalDescendingPath(target, `${at}.path`));
  if (target.startsWith("..") && !target.startsWith("../")) {
    errors.push(invalid(`${at}.path`, target, "must not start with '..'"));
  }
  if (badMode(item?.mode)) errors.push(invalid(`${at}.mode`, item.mode, FILE_MODE));
  return errors;
}

// The projections that name a Secret or ConfigMap, in validateProjectionSources' order.
const NAMED_PROJECTIONS = ["secret", "configMap"] as const;
const PATH_FIELDS = ["credentialBundlePath", "keyPath", "certificateChainPath"] as const;

/**
 * `validateProjectedVolumeSource`: defaultMode, then each source: secret and configMap names and
 * items, one kind per source, and no file path given twice across the sources ("conflicting
 * duplicate paths" at the volume's `projected`, showing the secret's or configMap's name, or the
 * path). The downwardAPI, serviceAccountToken, clusterTrustBundle and podCertificate sources'
 * own fields are not looked into; only their paths are counted.
 */
function projected(source: Loose, path: string): FieldError[] {
  // A frozen source never changes: once it passed, it passes (every Pod's token volume shares
  // one, src/api/defaults/pod_admission.ts). Its errors would only name `path`, so only a pass
  // is remembered.
  const frozen = typeof source === "object" && Object.isFrozen(source);
  if (frozen && VALID_FROZEN_PROJECTIONS.has(source)) return [];
  const errors = projectedErrors(source, path);
  if (frozen && errors.length === 0) VALID_FROZEN_PROJECTIONS.add(source);
  return errors;
}

// Frozen projected sources found valid.
const VALID_FROZEN_PROJECTIONS = new WeakSet<object>();

function projectedErrors(source: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (badMode(source.defaultMode)) {
    errors.push(invalid(`${path}.defaultMode`, source.defaultMode, FILE_MODE));
  }
  const seen = new Set<string>();
  // Each path once; a second use is reported with what upstream shows for that kind of source.
  const claim = (target: string, shown: string) => {
    if (seen.size === seen.add(target).size) {
      errors.push(invalid(path, shown, "conflicting duplicate paths"));
    }
  };
  const sources: Loose[] = Array.isArray(source.sources) ? source.sources : [];
  for (let i = 0; i < sources.length; i++) {
    const projection: Loose = sources[i];
    const at = `${path}.sources[${i}]`;
    let kinds = 0;
    for (const kind of NAMED_PROJECTIONS) {
      const named = projection?.[kind];
      if (named === undefined || named === null) continue;
      kinds++;
      const name = stringOf(named.name);
      if (!name) errors.push(required(`${at}.${kind}.name`));
      const items: Loose[] = Array.isArray(named.items) ? named.items : [];
      for (let j = 0; j < items.length; j++) {
        const item = items[j];
        appendErrors(errors, keyToPath(item, `${at}.${kind}.items[${j}]`));
        const target = stringOf(item?.path);
        if (target) claim(target, name);
      }
    }
    const downward = projection?.downwardAPI;
    if (downward !== undefined && downward !== null) {
      kinds++;
      const items: Loose[] = Array.isArray(downward.items) ? downward.items : [];
      for (const item of items) {
        const target = stringOf(item?.path);
        if (target) claim(target, target);
      }
    }
    if (projection?.serviceAccountToken != null) kinds++;
    const bundle = projection?.clusterTrustBundle;
    if (bundle !== undefined && bundle !== null) {
      kinds++;
      // Upstream claims a trust bundle's path even when it is empty.
      claim(stringOf(bundle.path), stringOf(bundle.path));
    }
    const certificate = projection?.podCertificate;
    if (certificate !== undefined && certificate !== null) {
      kinds++;
      for (const field of PATH_FIELDS) {
        const target = stringOf(certificate[field]);
        if (target) claim(target, target);
      }
    }
    if (kinds > 1) errors.push(forbidden(at, "may not specify more than 1 volume type per source"));
  }
  return errors;
}

function badMode(mode: unknown): boolean {
  return typeof mode === "number" && (mode > 0o777 || mode < 0);
}

/** `validateLocalDescendingPath`: relative, without `..` elements. */
export function validateLocalDescendingPath(target: string, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (target.startsWith("/")) errors.push(invalid(path, target, "must be a relative path"));
  return [...errors, ...noBacksteps(target, path)];
}

function noBacksteps(target: string, path: string): FieldError[] {
  return target.split("/").includes("..") ? [invalid(path, target, "must not contain '..'")] : [];
}

/** `ValidateVolumeMounts`: a known volume's name, a unique mount path, sub-paths kept inside. */
export function validateVolumeMounts(
  mounts: unknown,
  volumes: ReadonlySet<string>,
  path: string,
): FieldError[] {
  if (!Array.isArray(mounts)) return [];
  const errors: FieldError[] = [];
  const mountPoints = new Set<string>();
  for (let i = 0; i < mounts.length; i++) {
    const mount: Loose = mounts[i];
    const at = `${path}[${i}]`;
    const name = stringOf(mount?.name), mountPath = stringOf(mount?.mountPath);
    if (!name) errors.push(required(`${at}.name`));
    if (!volumes.has(name)) {
      errors.push({ type: "FieldValueNotFound", field: `${at}.name`, value: name, detail: "" });
    }
    if (!mountPath) errors.push(required(`${at}.mountPath`));
    if (mountPoints.has(mountPath)) {
      errors.push(invalid(`${at}.mountPath`, mountPath, "must be unique"));
    }
    mountPoints.add(mountPath);
    // Upstream reports sub-path errors at the list's path, not the item's.
    const subPath = stringOf(mount?.subPath), expr = stringOf(mount?.subPathExpr);
    if (subPath) appendErrors(errors, validateLocalDescendingPath(subPath, `${path}.subPath`));
    if (expr) {
      if (subPath) {
        errors.push(
          invalid(`${at}.subPathExpr`, expr, "subPathExpr and subPath are mutually exclusive"),
        );
      }
      appendErrors(errors, validateLocalDescendingPath(expr, `${path}.subPathExpr`));
    }
  }
  return errors;
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
