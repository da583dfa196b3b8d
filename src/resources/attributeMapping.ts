import * as pulumi from "@pulumi/pulumi";
import { refuseForbiddenKeys } from "../provider/forbiddenKeys";
import { providerShim } from "../provider/shim";
import type {
  AttributeMappingArgs,
  AttributeMappingEntryArgs,
  ScopingFilterGroupArgs,
} from "./args";
import { TYPE_MODULE } from "./typeTokens";

export type {
  AttributeMappingArgs,
  AttributeMappingEntryArgs,
  ScopingFilterGroupArgs,
} from "./args";

const provider = providerShim("AttributeMapping");

/**
 * Attribute mappings, scoping filter and deletion behaviour of a job's User (or Group) object
 * mapping. Manages only what it declares; other mappings in the schema are left alone, and
 * several AttributeMapping resources may share one job.
 *
 * Import: `{ import: "tenants/<tenantId>/servicePrincipals/<spId>/jobs/<jobId>/objectMappings/User" }`.
 *
 * @example
 * new AttributeMapping("display-name", {
 *   tenantId: contoso,
 *   servicePrincipalId: config.servicePrincipalId,
 *   jobId: job.jobId,
 *   mappings: [
 *     { targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname])' },
 *     { targetAttribute: "userType", constant: "Member", apply: "onCreate" },
 *   ],
 *   scopingFilter: [{ name: "Sales only", clauses: [{ sourceAttribute: "department", operator: "EQUALS", values: ["Sales"] }] }],
 * });
 */
export class AttributeMapping extends pulumi.dynamic.Resource {
  /** Source tenant holding the configuration. */
  declare readonly tenantId: pulumi.Output<string>;
  /** Service principal of the configuration. */
  declare readonly servicePrincipalId: pulumi.Output<string>;
  /** The job whose schema holds the mappings. */
  declare readonly jobId: pulumi.Output<string>;
  /** Which object mapping is managed: `User` or `Group`. */
  declare readonly objectType: pulumi.Output<"User" | "Group">;
  /** The attribute mappings this resource manages, by target attribute. */
  declare readonly mappings: pulumi.Output<AttributeMappingEntryArgs[] | undefined>;
  /** Scoping filter groups (OR of groups, AND of clauses within a group); absent means not managed. */
  declare readonly scopingFilter: pulumi.Output<ScopingFilterGroupArgs[] | undefined>;
  /** Whether users leaving scope are deprovisioned in the target. */
  declare readonly deleteOutOfScope: pulumi.Output<boolean | undefined>;
  /** Whether the object mapping is enabled. */
  declare readonly enabled: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: AttributeMappingArgs, opts?: pulumi.CustomResourceOptions) {
    refuseForbiddenKeys("AttributeMapping", args);
    super(provider, name, { ...args }, opts, TYPE_MODULE, "AttributeMapping");
  }
}
