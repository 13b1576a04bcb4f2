// The claims of a service account token, as kube-apiserver's TokenRequest issues them
// (k8s.io/kubernetes pkg/serviceaccount/claims.go `Claims`, jwt.go `GenerateToken`), and the
// expirationSeconds rules of pkg/apis/authentication (default 3600, at least 600, at most 2^32).

/** `spec.expirationSeconds` when a TokenRequest leaves it out (the v1 defaulter's one hour). */
export const DEFAULT_EXPIRATION_SECONDS = 3600;

/** The shortest token lifetime kube-apiserver issues (validation.MinTokenAgeSec). */
export const MIN_EXPIRATION_SECONDS = 600;

/** The longest lifetime validation lets through: 2^32 seconds. */
export const MAX_EXPIRATION_SECONDS = 2 ** 32;

/** kubeadm's `--service-account-issuer`, also the API audience kube-apiserver defaults to it. */
export const DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

/** A name and uid, as the private claims reference objects. */
export interface ObjectRef {
  readonly name: string;
  readonly uid: string;
}

/** What one token is issued for. */
export interface TokenClaimsInput {
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly now: Date;
  readonly expirationSeconds: number;
  readonly namespace: string;
  readonly serviceAccount: ObjectRef;
  /** Bound to a Pod (and, since 1.30, the Node it runs on when that Node exists). */
  readonly pod?: ObjectRef;
  readonly secret?: ObjectRef;
  readonly node?: ObjectRef;
  /** The token's `jti` (ServiceAccountTokenJTI, on since 1.30); none before. */
  readonly id?: string;
}

/** The claims of a token, keys in the order go-jose writes them (sorted: it merges into a map). */
export interface ServiceAccountClaims {
  readonly aud: readonly string[];
  readonly exp: number;
  readonly iat: number;
  readonly iss: string;
  readonly jti?: string;
  readonly "kubernetes.io": {
    readonly namespace: string;
    readonly node?: ObjectRef;
    readonly pod?: ObjectRef;
    readonly secret?: ObjectRef;
    readonly serviceaccount: ObjectRef;
  };
  readonly nbf: number;
  readonly sub: string;
}

/** Builds the claims of a token: `sub` is the service account's user, times in whole seconds. */
export function serviceAccountClaims(input: TokenClaimsInput): ServiceAccountClaims {
  const iat = Math.floor(input.now.getTime() / 1000);
  const { namespace, serviceAccount } = input;
  return {
    aud: [...input.audiences],
    exp: iat + input.expirationSeconds,
    iat,
    iss: input.issuer,
    ...(input.id !== undefined ? { jti: input.id } : {}),
    "kubernetes.io": {
      namespace,
      ...(input.node ? { node: ref(input.node) } : {}),
      ...(input.pod ? { pod: ref(input.pod) } : {}),
      ...(input.secret ? { secret: ref(input.secret) } : {}),
      serviceaccount: ref(serviceAccount),
    },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${serviceAccount.name}`,
  };
}

/**
 * The field errors of a TokenRequest's `spec.expirationSeconds` (ValidateTokenRequest), as
 * `[field, value, detail]`; empty when valid.
 */
export function expirationErrors(seconds: number): [string, number, string][] {
  const field = "spec.expirationSeconds";
  const errors: [string, number, string][] = [];
  if (seconds < MIN_EXPIRATION_SECONDS) {
    errors.push([field, seconds, "may not specify a duration less than 10 minutes"]);
  }
  if (seconds > MAX_EXPIRATION_SECONDS) {
    errors.push([field, seconds, "may not specify a duration larger than 2^32 seconds"]);
  }
  return errors;
}

// Go omits empty strings in `ref` (omitempty), so a uid-less reference prints only its name.
function ref(object: ObjectRef): ObjectRef {
  return {
    ...(object.name ? { name: object.name } : {}),
    ...(object.uid ? { uid: object.uid } : {}),
  } as ObjectRef;
}
