// Why defaulting or built-in admission refused an object: Forbidden (admission) or Invalid (allocation).

/** One field a refusal names, as a Status cause. */
export interface DefaultsCause {
  readonly field: string;
  readonly reason: "FieldValueInvalid";
  readonly message: string;
}

/**
 * A refusal by admission (`Forbidden`, 403: "no PriorityClass with name x was found"), by an
 * allocator (`Invalid`, 422: "provided port is already allocated") or an exhausted allocator
 * (`InternalError`, 500); the edge builds the Status.
 */
export class DefaultsError extends Error {
  readonly reason: "Forbidden" | "Invalid" | "InternalError";
  readonly causes: readonly DefaultsCause[];

  constructor(
    reason: "Forbidden" | "Invalid" | "InternalError",
    message: string,
    causes: readonly DefaultsCause[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "DefaultsError";
    this.reason = reason;
    this.causes = causes;
  }

  /** An Invalid value at `field`, worded as apimachinery's `field.Invalid`. */
  static invalid(field: string, value: string, detail: string): DefaultsError {
    const message = `${field}: Invalid value: ${value}: ${detail}`;
    return new DefaultsError("Invalid", message, [{
      field,
      reason: "FieldValueInvalid",
      message: `Invalid value: ${value}: ${detail}`,
    }]);
  }
}
