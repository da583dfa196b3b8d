import type { GraphRoute } from "../../http/route";
import { jobControlRoutes } from "./jobControlRoutes";
import { jobRoutes } from "./jobRoutes";
import { parseExpressionRoutes } from "./parseExpressionRoutes";
import { provisionOnDemandRoutes } from "./provisionOnDemandRoutes";
import { schemaRoutes } from "./schemaRoutes";
import { secretRoutes } from "./secretRoutes";
import { templateRoutes } from "./templateRoutes";
import { validateCredentialsRoutes } from "./validateCredentialsRoutes";

/** `/servicePrincipals/{id}/synchronization/**` (decisions/reference/graph-cts.md §5), provisionOnDemand included. */
export const synchronizationRoutes: readonly GraphRoute[] = [
  ...templateRoutes,
  ...jobRoutes,
  ...validateCredentialsRoutes,
  ...jobControlRoutes,
  ...secretRoutes,
  ...schemaRoutes,
  ...parseExpressionRoutes,
  ...provisionOnDemandRoutes,
];
