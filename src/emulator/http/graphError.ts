/**
 * A Graph error a handler throws to answer with Graph's error envelope:
 * `{"error": {"code", "message", "details"?, "innerError": {"date", "request-id", "client-request-id"}}}`.
 * The dispatcher adds `innerError` and the `request-id` headers; handlers give status, code and
 * message only.
 */
export class GraphError extends Error {
  override readonly name = "GraphError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Array<{ code: string; message: string; target?: string }>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  static notFound(id: string): GraphError {
    return new GraphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }

  static badRequest(message: string, code = "Request_BadRequest"): GraphError {
    return new GraphError(400, code, message);
  }

  static conflict(message: string): GraphError {
    return new GraphError(409, "Request_MultipleObjectsWithSameKeyValue", message, [
      { code: "ConflictingObjects", message },
    ]);
  }

  static forbidden(): GraphError {
    return new GraphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
  }
}
