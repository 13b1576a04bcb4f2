// maxSurge and maxUnavailable resolved against replicas, as upstream deployment util does.

/** `spec.strategy` of a Deployment. */
export interface DeploymentStrategy {
  type?: string;
  rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
}

/**
 * An int-or-percent value scaled to `total` (intstr.GetScaledValueFromIntOrPercent): percentages
 * round up for surge, down for unavailability.
 */
export function scaledValue(
  value: number | string | undefined,
  fallback: string,
  total: number,
  roundUp: boolean,
): number {
  const v = value ?? fallback;
  if (typeof v === "number") return v;
  const match = /^(\d+)%$/.exec(v);
  if (!match) return Number.parseInt(v, 10) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * The surge and unavailability a rolling update allows (upstream `ResolveFenceposts`): 25% each
 * by default; both zero means one unavailable; Recreate allows neither.
 */
export function resolveFenceposts(
  strategy: DeploymentStrategy | undefined,
  replicas: number,
): { maxSurge: number; maxUnavailable: number } {
  if (strategy?.type === "Recreate") return { maxSurge: 0, maxUnavailable: 0 };
  const rolling = strategy?.rollingUpdate;
  const maxSurge = scaledValue(rolling?.maxSurge, "25%", replicas, true);
  let maxUnavailable = scaledValue(rolling?.maxUnavailable, "25%", replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}
