/**
 * The one error type the Graph layer throws. It carries what a user needs to act: the operation,
 * the tenant, Graph's status, code and request-id, and a remedy (the permission or setting that
 * would fix it). It never carries a token, secret or request body.
 */
export class GraphRequestError extends Error {
  override readonly name = "GraphRequestError";

  constructor(
    /** What we were doing, e.g. `create identitySynchronization for partner 9c5d...`. */
    readonly operation: string,
    /** Tenant the request went to. */
    readonly tenantId: string,
    /** HTTP status (0 when no response arrived). */
    readonly statusCode: number,
    /** Graph's error code, e.g. `Authorization_RequestDenied`. */
    readonly code: string,
    /** Graph's request-id header, for Microsoft support. */
    readonly requestId: string | undefined,
    /** Graph's message. */
    readonly graphMessage: string,
    /** What would fix it. */
    readonly remedy: string | undefined,
    /** Inner details Graph gave (e.g. which side of a policy check failed). */
    readonly details: ReadonlyArray<{ code?: string; message?: string; target?: string }> = [],
  ) {
    super(
      GraphRequestError.format(
        operation,
        tenantId,
        statusCode,
        code,
        requestId,
        graphMessage,
        remedy,
      ),
    );
  }

  private static format(
    operation: string,
    tenantId: string,
    statusCode: number,
    code: string,
    requestId: string | undefined,
    graphMessage: string,
    remedy: string | undefined,
  ): string {
    const status = statusCode ? `${statusCode} ${code}` : code;
    const request = requestId ? ` (request-id ${requestId})` : "";
    const detail = graphMessage ? `: ${graphMessage}` : "";
    const fix = remedy ? ` ${remedy}` : "";
    return `Failed to ${operation} in tenant ${tenantId}: ${status}${request}${detail}.${fix}`.replace(
      /\.\.( |$)/g,
      ".$1",
    );
  }
}

/** True for a GraphRequestError, also across copies of this package (checks `name`). */
export function isGraphRequestError(error: unknown): error is GraphRequestError {
  return (error as { name?: string } | undefined)?.name === "GraphRequestError";
}

/** True when Graph answered that the object does not exist. */
export function isNotFound(error: unknown): boolean {
  return isGraphRequestError(error) && error.statusCode === 404;
}

/**
 * Errors of @azure/identity (CredentialUnavailableError, AuthenticationError,
 * AuthenticationRequiredError, AggregateAuthenticationError) as the Graph client reports their
 * names: no token can be had, and retrying will not change that.
 */
export function isCredentialErrorCode(code: string | null | undefined): boolean {
  return !!code && /^(Credential\w*|\w*Authentication\w*)Error$/.test(code);
}
