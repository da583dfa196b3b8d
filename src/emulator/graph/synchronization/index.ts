import type { GraphRoute } from "../../http/route";

export const synchronizationRoutes: readonly GraphRoute[] = [];
