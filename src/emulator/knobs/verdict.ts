/** A knob's decision to answer a Graph request itself instead of the handler. */
export interface KnobVerdict {
  kind: "throttle" | "fault";
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  /** Seconds advertised in Retry-After, when any. */
  retryAfterSeconds?: number;
}

/** Graph's 429 as services send it, with the identity service's throttle headers. */
export function throttled(
  retryAfterSeconds: number,
  scope: { method: string; appId: string; tenantId: string },
  message = "Too many requests.",
): KnobVerdict {
  const write = scope.method !== "GET";
  return {
    kind: "throttle",
    status: 429,
    code: "TooManyRequests",
    message,
    retryAfterSeconds,
    headers: {
      "retry-after": String(retryAfterSeconds),
      "x-ms-throttle-scope": `Tenant_Application/${write ? "ReadWrite" : "Read"}/${scope.appId}/${scope.tenantId}`,
      "x-ms-throttle-information": write ? "WriteLimitExceeded" : "ResourceUnitLimitExceeded",
    },
  };
}

const FAULT_TEXT: Record<number, { code: string; message: string }> = {
  500: { code: "generalException", message: "An unspecified error has occurred." },
  502: {
    code: "badGateway",
    message: "The server received an invalid response from an upstream server.",
  },
  503: {
    code: "serviceNotAvailable",
    message:
      "The service is temporarily unavailable for maintenance or is overloaded. You may repeat the request after a delay, which may be specified in a Retry-After header.",
  },
  504: { code: "timeout", message: "The operation timed out before it could be completed." },
  507: { code: "insufficientStorage", message: "The maximum storage quota has been reached." },
};

/** A transient server error in Graph's envelope. */
export function serverFault(status: number, retryAfterSeconds?: number): KnobVerdict {
  const text = FAULT_TEXT[status] ?? FAULT_TEXT[500];
  return {
    kind: "fault",
    status,
    ...text,
    retryAfterSeconds,
    headers: retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) },
  };
}
