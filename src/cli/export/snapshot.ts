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
  /** Each Azure2Azure job's synchronization schema, by job id (absent when unreadable). */
  schemas: Map<string, GraphObject>;
  assignments: GraphObject[];
}

export interface TenantSnapshot {
  tenantId: string;
  label: string;
  partners: PartnerSnapshot[];
  configurations: ConfigurationSnapshot[];
  /** The Azure2Azure template's default schema, read once per tenant through Graph. */
  templateSchema?: GraphObject;
}

/** Something that exists but is not in the program, and why. */
export interface LeftOut {
  tenantId: string;
  what: string;
  reason: string;
}
