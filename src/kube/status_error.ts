// Kubernetes API errors: one class that knows its own `Status` body and HTTP code.

import type { PatchError } from "../patch/mod.ts";
import { StoreError } from "../store/mod.ts";
import type { ResourceType } from "../resources/mod.ts";

/** `metav1.Status.details`. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

/** What a `StatusError` may carry besides its Status fields. */
export interface StatusErrorOptions {
  readonly cause?: unknown;
  /** `Status.metadata` (ListMeta), empty by default. */
  readonly listMeta?: { continue?: string };
}

const NO_SUCH_PATH = "the server could not find the requested resource";

/** An apiserver error answered as a `Status` object. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    options?: StatusErrorOptions,
  ) {
    super(message, options);
    this.name = "StatusError";
    this.listMeta = options?.listMeta;
  }

  /** The Status's `metadata` (a 410 for a compacted continue carries a fresh `continue`). */
  readonly listMeta?: { continue?: string };

  /** The `Status` object the apiserver would send. */
  toStatus(): Record<string, unknown> {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: this.listMeta ?? {},
      status: "Failure",
      message: this.message,
      // An error that is no API status (ErrorToAPIStatus of a plain error) has no reason.
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }

  /** 404 for a named object: `pods "x" not found`. */
  static notFound(resource: ResourceType, name: string): StatusError {
    return new StatusError(404, "NotFound", `${qualified(resource)} "${name}" not found`, {
      name,
      ...(resource.group ? { group: resource.group } : {}),
      kind: resource.name,
    });
  }

  /** 404 for a path that names no resource, worded as the apiserver words it. */
  static noSuchPath(): StatusError {
    return new StatusError(404, "NotFound", NO_SUCH_PATH, {});
  }

  /** Whether an error is `noSuchPath`'s, whose form depends on the path (see `not_found.ts`). */
  static isNoSuchPath(error: unknown): boolean {
    return error instanceof StatusError && error.code === 404 && error.message === NO_SUCH_PATH &&
      error.details?.kind === undefined;
  }

  /** 400 with a message. */
  static badRequest(message: string): StatusError {
    return new StatusError(400, "BadRequest", message);
  }

  /**
   * 405 for a verb the resource does not support: go-restful finds no route for a built-in's
   * method and answers without details (`NewGenericServerResponse` of its ServiceError).
   */
  static methodNotAllowed(resource: ResourceType): StatusError {
    return new StatusError(
      405,
      "MethodNotAllowed",
      `the server does not allow this method on the requested resource`,
      resource.custom
        ? { ...(resource.group ? { group: resource.group } : {}), kind: resource.name }
        : {},
    );
  }

  /** 415 of go-restful for a body type no route of the path consumes (a built-in's PATCH). */
  static unsupportedMediaType(): StatusError {
    return new StatusError(415, "UnsupportedMediaType", "415: Unsupported Media Type", {});
  }

  /** 401 for a request without a verified client identity. */
  static unauthorized(): StatusError {
    return new StatusError(401, "Unauthorized", "Unauthorized");
  }

  /**
   * Maps a refused patch to its apiserver answer; a 422 carries `details` when the caller's
   * upstream path builds one (errors.NewGenericServerResponse leaves them empty but present).
   */
  static fromPatch(error: PatchError, details?: StatusDetails): StatusError {
    const [code, reason] = error.reason === "Invalid"
      ? [422, "Invalid"]
      : error.reason === "Conflict"
      ? [409, "Conflict"]
      : error.reason === "Unclassified"
      ? [500, ""]
      : [400, "BadRequest"];
    return new StatusError(
      code as number,
      reason as string,
      error.message,
      code === 422 ? details : undefined,
      {
        cause: error,
      },
    );
  }

  /** Maps a store failure to its apiserver answer. */
  static fromStore(error: StoreError, resource: ResourceType): StatusError {
    const details: StatusDetails = {
      name: error.objectName,
      ...(resource.group ? { group: resource.group } : {}),
      kind: resource.name,
    };
    const message = error.message.replace(resource.key, qualified(resource));
    switch (error.reason) {
      case "NotFound":
        return new StatusError(404, "NotFound", message, details);
      case "AlreadyExists":
        return new StatusError(409, "AlreadyExists", message, details);
      case "Conflict":
        return new StatusError(409, "Conflict", message, details);
      case "Forbidden":
        return new StatusError(403, "Forbidden", message, details);
      case "NoSpace":
        // etcd's ErrGRPCNoSpace reaches ErrorToAPIStatus as a plain error: 500, no reason, its text.
        return new StatusError(500, "", error.message);
      case "Invalid":
        if (error.causes) {
          // errors.NewInvalid: the group-qualified kind in the message, the Kind in details.
          const kind = resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
          return new StatusError(
            422,
            "Invalid",
            `${kind} "${error.objectName}" is invalid: ${error.message}`,
            {
              name: error.objectName,
              ...(resource.group ? { group: resource.group } : {}),
              kind: resource.kind,
              causes: error.causes.map((cause) => ({ ...cause })),
            },
            { cause: error },
          );
        }
        return new StatusError(
          422,
          "Invalid",
          `${resource.kind} "${error.objectName}" is invalid: ${error.message}`,
          details,
        );
    }
  }
}

/** `deployments.apps` for grouped resources, `pods` for core ones, as apiserver messages say. */
export function qualified(resource: ResourceType): string {
  return resource.group ? `${resource.name}.${resource.group}` : resource.name;
}
