import * as pulumi from "@pulumi/pulumi";
import { refuseForbiddenKeys } from "../provider/forbiddenKeys";
import { providerShim } from "../provider/shim";
import type { AssignmentArgs } from "./args";
import { TYPE_MODULE } from "./typeTokens";

export type { AssignmentArgs } from "./args";

const provider = providerShim("Assignment");

/**
 * Assigns a group (or user) to a configuration's service principal with its `msiam_access`
 * role: with scope `assigned`, the direct members of assigned groups are synchronized.
 *
 * Import: `{ import: "tenants/<tenantId>/servicePrincipals/<spId>/appRoleAssignedTo/<assignmentId>" }`.
 *
 * @example
 * new Assignment("pilot-group", {
 *   tenantId: contoso,
 *   servicePrincipalId: config.servicePrincipalId,
 *   principalId: pilotGroupId,
 *   principalType: "Group",
 * });
 */
export class Assignment extends pulumi.dynamic.Resource {
  /** Source tenant holding the configuration. */
  declare readonly tenantId: pulumi.Output<string>;
  /** Service principal of the configuration the principal is assigned to. */
  declare readonly servicePrincipalId: pulumi.Output<string>;
  /** Object id of the assigned group or user. */
  declare readonly principalId: pulumi.Output<string>;
  /** Whether the principal is a `Group` or a `User`. */
  declare readonly principalType: pulumi.Output<"Group" | "User">;
  /** App role of the assignment (the configuration's `msiam_access` role). */
  declare readonly appRoleId: pulumi.Output<string>;
  /** The assignment's id in Graph. */
  declare readonly assignmentId: pulumi.Output<string>;
  /** Display name of the assigned group or user. */
  declare readonly principalDisplayName: pulumi.Output<string>;

  constructor(name: string, args: AssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    refuseForbiddenKeys("Assignment", args);
    super(
      provider,
      name,
      { assignmentId: undefined, principalDisplayName: undefined, appRoleId: undefined, ...args },
      opts,
      TYPE_MODULE,
      "Assignment",
    );
  }
}
