// Container statuses as the kubelet reports them through containerd: IDs, images, states.

import { fnv32a } from "../../encoding/mod.ts";
import { sharedPart } from "../shared_parts.ts";

/** A container of a pod spec. */
export interface ContainerView {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

// A container without requests or limits: Go's empty ResourceRequirements, one for every status.
const NO_RESOURCES = Object.freeze({});

/**
 * What a kubelet with InPlacePodVerticalScaling (on from 1.33) reports of a container's resources
 * (kubelet_pods.go `convertToAPIContainerStatuses`): `allocatedResources`, the allocated
 * requests, and `resources`, the allocated requirements (containerd reports what it was given;
 * the spec's own objects are shared, never copied). Empty before 1.33.
 */
export function resourceStatus(container: ContainerView, minor: number): Record<string, unknown> {
  if (minor < 33) return {};
  const resources = container.resources ?? NO_RESOURCES;
  const requests = container.resources?.requests;
  return requests && Object.keys(requests).length > 0
    ? { allocatedResources: requests, resources }
    : { resources };
}

/**
 * The image reference as containerd reports it (docker.io/library prefix, `:latest` tag), after
 * the kubelet's normalization of short names (docker/reference ParseNormalizedNamed).
 */
export function normalizedImage(image: string): string {
  if (image === "") return image;
  const slash = image.indexOf("/");
  const first = slash < 0 ? "" : image.slice(0, slash);
  const hasDomain = first.includes(".") || first.includes(":") || first === "localhost";
  let name = hasDomain ? image : `docker.io/${slash < 0 ? "library/" : ""}${image}`;
  const last = name.slice(name.lastIndexOf("/") + 1);
  if (!last.includes(":") && !name.includes("@")) name += ":latest";
  return name;
}

/** A stable 64-hex-digit digest derived from `seed` (fake, but shaped like sha256). */
export function fakeDigest(seed: string): string {
  // Joined, not appended: `+=` leaves a rope of 15 strings that a stored status keeps for good
  // (each running container's ID; ~0.5 KiB per pod, issue 17).
  const parts: string[] = [];
  for (let i = 0; i < 8; i++) parts.push(fnv32a(`${i}:${seed}`).toString(16).padStart(8, "0"));
  return parts.join("");
}

// imageIDs by image, one string for every pod of every cluster running that image; cleared when full.
const MAX_IMAGES = 1_024;
const imageIds = new Map<string, string>();

/** `imageID`: the repository with the image's digest (`docker.io/library/nginx@sha256:...`). */
export function imageId(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    if (imageIds.size >= MAX_IMAGES) imageIds.clear();
    imageIds.set(image, id = digestedImage(image));
  }
  return id;
}

function digestedImage(image: string): string {
  const normalized = normalizedImage(image);
  const at = normalized.indexOf("@");
  if (at >= 0) return normalized;
  const lastSlash = normalized.lastIndexOf("/");
  const colon = normalized.indexOf(":", lastSlash);
  const repository = colon < 0 ? normalized : normalized.slice(0, colon);
  return `${repository}@sha256:${fakeDigest(normalized)}`;
}

// A container that never ran before: one frozen empty state for every container status.
const NO_STATE = Object.freeze({});

/** A running, ready container (upstream kubelet convertToAPIContainerStatuses). */
export function runningContainerStatus(
  container: ContainerView,
  podUid: string,
  startedAt: string,
  minor = 0,
): Record<string, unknown> {
  const image = normalizedImage(container.image ?? "");
  return {
    containerID: `containerd://${fakeDigest(`${podUid}/${container.name}`)}`,
    image,
    imageID: imageId(container.image ?? ""),
    lastState: NO_STATE,
    name: container.name,
    ready: true,
    restartCount: 0,
    started: true,
    state: sharedPart({ running: { startedAt } }),
    ...resourceStatus(container, minor),
  };
}

/** A container that ran to completion with exit code 0. */
export function completedContainerStatus(
  container: ContainerView,
  podUid: string,
  startedAt: string,
  finishedAt: string,
  minor = 0,
): Record<string, unknown> {
  const containerID = `containerd://${fakeDigest(`${podUid}/${container.name}`)}`;
  return {
    containerID,
    image: normalizedImage(container.image ?? ""),
    imageID: imageId(container.image ?? ""),
    lastState: NO_STATE,
    name: container.name,
    ready: false,
    restartCount: 0,
    started: false,
    state: { terminated: { containerID, exitCode: 0, finishedAt, reason: "Completed", startedAt } },
    ...resourceStatus(container, minor),
  };
}
