import type { GraphRoute } from "../../http/route";

export const directoryRoutes: readonly GraphRoute[] = [];
