import type { GraphRoute } from "../../http/route";
import { defaultPolicyRoutes } from "./defaultPolicy";
import { deletedPartnerRoutes } from "./deletedPartners";
import { identitySynchronizationRoutes } from "./identitySynchronization";
import { partnerRoutes } from "./partners";

/** Cross-tenant access policy routes: default, partners, identitySynchronization, beta deletedItems. */
export const policyRoutes: readonly GraphRoute[] = [
  ...defaultPolicyRoutes,
  ...partnerRoutes,
  ...identitySynchronizationRoutes,
  ...deletedPartnerRoutes,
];
