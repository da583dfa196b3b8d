import { z } from "zod";

/** A tenant or object id: Graph only takes GUIDs here. */
export const guid = (what: string) =>
  z
    .string({ error: `${what} is required and must be a GUID string` })
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      `${what} must be a GUID like 9c5d131d-b1c3-4fc4-9e3f-c6557947d551 (not a domain name); find it in the Entra admin center under Overview`,
    );

export const optionalBoolean = (what: string) =>
  z.boolean({ error: `${what} must be true or false` }).optional();

/** The largest value of a 32-bit integer, Graph's Int32 (decisions/0081). */
export const INT32_MAX = 2_147_483_647;
