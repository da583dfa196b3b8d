/**
 * Synchronization templates per service principal. Only configurations instantiated from the
 * cross-tenant synchronization gallery template offer one: `Azure2Azure` (decisions/reference/graph-cts.md §5.1).
 */
import { GraphError } from "../../http/graphError";
import type { JsonObject, ServicePrincipalRecord } from "../../world/types";
import { CTS_TEMPLATE_ID } from "../directory/ctsTemplate";
import {
  AZURE2AZURE_TEMPLATE_ID,
  azure2azureDefaultSchema,
} from "../../fixtures/azure2azureSchema";

export function isCrossTenantSyncConfiguration(sp: ServicePrincipalRecord): boolean {
  return sp.applicationTemplateId === CTS_TEMPLATE_ID;
}

/** The synchronizationTemplate resources of `sp` (without the schema navigation). */
export function templatesOf(sp: ServicePrincipalRecord): JsonObject[] {
  if (!isCrossTenantSyncConfiguration(sp)) return [];
  return [
    {
      id: AZURE2AZURE_TEMPLATE_ID,
      applicationId: sp.appId,
      default: true,
      description:
        "Synchronize users (and, when enabled, groups) from this tenant to another Microsoft Entra tenant.",
      discoverable: true,
      factoryTag: AZURE2AZURE_TEMPLATE_ID,
      metadata: [],
    },
  ];
}

/** The template `templateId` of `sp`, or a 400 (unknown template for a job) / 404 (lookup). */
export function requireTemplate(
  sp: ServicePrincipalRecord,
  templateId: string,
  action: string,
  status: 400 | 404,
): JsonObject {
  const template = templatesOf(sp).find((candidate) => candidate.id === templateId);
  if (template) return template;
  const offered = templatesOf(sp).map((candidate) => `'${candidate.id}'`);
  const remedy = offered.length
    ? `Use ${offered.join(" or ")} (GET .../synchronization/templates lists them).`
    : "This service principal offers no synchronization template; create the configuration from the cross-tenant synchronization application template.";
  const message = `Failed to ${action}: template '${templateId}' is not a synchronization template of service principal '${sp.id}'. ${remedy}`;
  if (status === 404) throw new GraphError(404, "Request_ResourceNotFound", message);
  throw GraphError.badRequest(message);
}

/** A fresh default schema for a template, with `id` set as requested. */
export function templateSchema(templateId: string, id: string): JsonObject {
  if (templateId !== AZURE2AZURE_TEMPLATE_ID) {
    throw new Error(`No default schema is known for template '${templateId}'.`);
  }
  return azure2azureDefaultSchema(id);
}
