// Public face of src/auth: RBAC evaluation, service account tokens and their keys (pure, Web Crypto).

export { AuthError } from "./auth_error.ts";
export type {
  NonResourceAttributes,
  PolicyRule,
  RequestAttributes,
  ResourceAttributes,
} from "./policy_rule.ts";
export { ruleAllows } from "./policy_rule.ts";
export {
  aggregate,
  authorize,
  type Decision,
  type RbacBinding,
  type RbacRole,
  type RbacSource,
  type RbacSubject,
  type ResolvedRules,
  rulesFor,
} from "./rbac_authorizer.ts";
export { requestAttributes } from "./request_attributes.ts";
export { type PublicJwk, ServiceAccountKey, unverifiedClaims } from "./service_account_key.ts";
export {
  authenticateToken,
  type StoredRef,
  type TokenAuthentication,
  type TokenAuthOptions,
  type TokenLookups,
} from "./token_authenticator.ts";
export {
  DEFAULT_EXPIRATION_SECONDS,
  DEFAULT_ISSUER,
  expirationErrors,
  MAX_EXPIRATION_SECONDS,
  MIN_EXPIRATION_SECONDS,
  type ObjectRef,
  type ServiceAccountClaims,
  serviceAccountClaims,
  type TokenClaimsInput,
} from "./token_claims.ts";
export {
  ALL_AUTHENTICATED,
  certificateUser,
  serviceAccountGroups,
  serviceAccountUsername,
  SYSTEM_MASTERS,
  type UserInfo,
  withAuthenticated,
} from "./user_info.ts";
