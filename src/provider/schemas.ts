import { z } from "zod";

/** Where a tenant id is found; a domain name is the usual mistake. */
export const TENANT_ID_HINT =
  "(not a domain name); find it in the Entra admin center under Overview";

/**
 * A tenant or object id: Graph only takes GUIDs here. `hint` says where to find the id: the
 * tenant hint by default; object ids say their own (a domain-name hint would mislead there).
 */
export const guid = (what: string, hint: string = TENANT_ID_HINT) =>
  z
    .string({ error: `${what} is required and must be a GUID string` })
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      `${what} must be a GUID like 9c5d131d-b1c3-4fc4-9e3f-c6557947d551 ${hint}`,
    );

export const optionalBoolean = (what: string) =>
  z.boolean({ error: `${what} must be true or false` }).optional();

/** The largest value of a 32-bit integer, Graph's Int32 (decisions/0081). */
export const INT32_MAX = 2_147_483_647;

/** Where a configuration's service principal id comes from. */
export const SERVICE_PRINCIPAL_ID_HINT =
  "(the configuration's service principal object id); pass SyncConfiguration.servicePrincipalId";
