/** GET/PATCH the default cross-tenant access policy and reset it (decisions/reference/graph-cts.md §2.7). */
import { route } from "../../http/route";
import { systemDefaultCrossTenantPolicy } from "../../world/tenant";
import { entityBody, requireBodyObject } from "../odata";
import { policyBehaviour } from "./behaviour";
import {
  applyPolicyChanges,
  policyForVersion,
  validateDefaultPolicyBody,
} from "./partnerProperties";
import { POLICY_READ, POLICY_WRITE } from "./permissions";

const PATH = "/policies/crossTenantAccessPolicy/default";

export const defaultPolicyRoutes = [
  route("GET", PATH, POLICY_READ, (ctx) => ({
    status: 200,
    body: entityBody(
      ctx,
      "policies/crossTenantAccessPolicy/default/$entity",
      policyForVersion(ctx.tenant.crossTenantAccessPolicy.default, ctx.version, "default"),
    ),
  })),

  route("PATCH", PATH, POLICY_WRITE, (ctx) => {
    const changes = requireBodyObject(ctx.body, "update the default cross-tenant access policy");
    validateDefaultPolicyBody(changes, ctx.version);
    const policy = ctx.tenant.crossTenantAccessPolicy.default;
    applyPolicyChanges(policy, changes, policyBehaviour(ctx.world).complexPropertyPatch);
    // Once customised the default is no longer the service default (GD default resource).
    if (Object.keys(changes).length > 0) policy.isServiceDefault = false;
    return { status: 204 };
  }),

  route("POST", `${PATH}/resetToSystemDefault`, POLICY_WRITE, (ctx) => {
    ctx.tenant.crossTenantAccessPolicy.default = systemDefaultCrossTenantPolicy();
    return { status: 204 };
  }),
];
