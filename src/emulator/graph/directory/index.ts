import type { GraphRoute } from "../../http/route";
import { applicationRoutes } from "./applications";
import { applicationTemplateRoutes } from "./applicationTemplates";
import { appRoleAssignmentRoutes } from "./appRoleAssignments";
import { deletedItemRoutes } from "./deletedItems";
import { deletedUserRoutes } from "./deletedUsers";
import { directoryCreateRoutes } from "./directoryCreate";
import { groupRoutes } from "./groups";
import { provisioningLogRoutes } from "./provisioningLogs";
import { servicePrincipalRoutes } from "./servicePrincipals";
import { userRoutes } from "./users";

/** Directory routes: templates, applications, service principals, assignments, users, groups, logs. */
export const directoryRoutes: readonly GraphRoute[] = [
  ...applicationTemplateRoutes,
  ...applicationRoutes,
  ...servicePrincipalRoutes,
  ...deletedUserRoutes,
  ...deletedItemRoutes,
  ...appRoleAssignmentRoutes,
  ...userRoutes,
  ...groupRoutes,
  ...directoryCreateRoutes,
  ...provisioningLogRoutes,
];
