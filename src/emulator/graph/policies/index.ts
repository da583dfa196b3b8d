import type { GraphRoute } from "../../http/route";

export const policyRoutes: readonly GraphRoute[] = [];
