/** What `entra-cts export` read from one tenant, in Graph's terms, before it becomes code. */
export type GraphObject = Record<string, unknown>;

export interface PartnerSnapshot {
  /** The partner configuration (beta, with identitySynchronization expanded). */
  partner: GraphObject;
}

export interface ConfigurationSnapshot {
  application: GraphObject;
  servicePrincipal: GraphObject;
  secrets: Array<{ key: string; value: string }>;
  jobs: GraphObject[];
  assignments: GraphObject[];
}

export interface TenantSnapshot {
  tenantId: string;
  label: string;
  partners: PartnerSnapshot[];
  configurations: ConfigurationSnapshot[];
}

/** Something that exists but is not in the program, and why. */
export interface LeftOut {
  tenantId: string;
  what: string;
  reason: string;
}
