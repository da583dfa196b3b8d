import type { GraphRoute } from "../http/route";
import { directoryRoutes } from "./directory";
import { policyRoutes } from "./policies";
import { synchronizationRoutes } from "./synchronization";

/** Every Graph route the emulator serves, v1.0 and beta. */
export const graphRoutes: readonly GraphRoute[] = [
  ...policyRoutes,
  ...directoryRoutes,
  ...synchronizationRoutes,
];
