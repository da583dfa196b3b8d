/**
 * Self-describing resource ids. An id carries every Graph key `read` needs, because on import
 * `read` receives little else. Shapes:
 * - PartnerPolicy:     tenants/{tenantId}/partners/{partnerTenantId}
 * - SyncConfiguration: tenants/{tenantId}/servicePrincipals/{servicePrincipalId}
 * - SyncJob:           tenants/{tenantId}/servicePrincipals/{servicePrincipalId}/jobs/{jobId}
 * - AttributeMapping:  tenants/{tenantId}/servicePrincipals/{spId}/jobs/{jobId}/objectMappings/{User|Group}[/attributes/{a,b}]
 * - Assignment:        tenants/{tenantId}/servicePrincipals/{servicePrincipalId}/appRoleAssignedTo/{assignmentId}
 */
export interface ParsedId {
  tenantId: string;
  partnerTenantId?: string;
  servicePrincipalId?: string;
  jobId?: string;
  objectType?: string;
  attributes?: string[];
  assignmentId?: string;
}

const SEGMENTS: Record<string, keyof ParsedId> = {
  tenants: "tenantId",
  partners: "partnerTenantId",
  servicePrincipals: "servicePrincipalId",
  jobs: "jobId",
  objectMappings: "objectType",
  appRoleAssignedTo: "assignmentId",
};

export function formatId(parts: ParsedId): string {
  const segments = [`tenants/${parts.tenantId}`];
  if (parts.partnerTenantId) segments.push(`partners/${parts.partnerTenantId}`);
  if (parts.servicePrincipalId) segments.push(`servicePrincipals/${parts.servicePrincipalId}`);
  if (parts.jobId) segments.push(`jobs/${encodeURIComponent(parts.jobId)}`);
  if (parts.objectType) segments.push(`objectMappings/${parts.objectType}`);
  if (parts.attributes?.length)
    segments.push(`attributes/${parts.attributes.map(encodeURIComponent).join(",")}`);
  if (parts.assignmentId)
    segments.push(`appRoleAssignedTo/${encodeURIComponent(parts.assignmentId)}`);
  return segments.join("/");
}

/** Parses an id; throws a message with the expected shape when it does not fit. */
export function parseId(
  resource: string,
  id: string,
  expected: readonly (keyof ParsedId)[],
): ParsedId {
  const parts = id.split("/");
  const parsed: Partial<ParsedId> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const name = parts[i];
    const field = SEGMENTS[name];
    if (field) (parsed as Record<string, unknown>)[field] = decodeURIComponent(parts[i + 1]);
    else if (name === "attributes")
      parsed.attributes = parts[i + 1].split(",").map(decodeURIComponent);
  }
  const missing = expected.filter((field) => !parsed[field]);
  if (parts.length % 2 !== 0 || missing.length > 0 || !parsed.tenantId) {
    throw new Error(
      `${resource}: cannot import id '${id}': expected ${expected.map((f) => `{${f}}`).join(", ")} in the form ` +
        `${exampleId(expected)}.`,
    );
  }
  return parsed as ParsedId;
}

function exampleId(expected: readonly (keyof ParsedId)[]): string {
  const example: ParsedId = { tenantId: "<tenantId>" };
  for (const field of expected)
    if (field !== "tenantId") (example as unknown as Record<string, string>)[field] = `<${field}>`;
  return formatId(example);
}
