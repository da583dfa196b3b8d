/**
 * How stored directory records are shown: internal bookkeeping fields never leave the
 * emulator, users show Graph's default property set on v1.0, and `$select` picks fields.
 */
import type { GraphRequestContext } from "../../http/route";
import type { GroupRecord, JsonObject, UserRecord } from "../../world/types";
import { pick, selectedProperties } from "../odata";

/**
 * Fields the world keeps for the emulator's own use: netId feeds the CTS matching attribute,
 * memberIds hold group membership (served by /members), managerId backs the manager
 * navigation, ownerIds back Application.ReadWrite.OwnedBy checks.
 */
const INTERNAL_FIELDS = ["netId", "memberIds", "managerId", "ownerIds"];

/** Returned on users only when selected (Graph hides it by default). */
const SELECT_ONLY_USER_FIELDS = ["alternativeSecurityIds"];

/** Graph v1.0's default user properties (GET /users without $select). */
const V1_DEFAULT_USER_FIELDS = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

/** A deep copy without the emulator's internal fields. */
export function publicCopy(record: JsonObject): JsonObject {
  const copy = structuredClone(record);
  for (const name of INTERNAL_FIELDS) delete copy[name];
  return copy;
}

/** An application, service principal or group as the request asks to see it. */
export function objectView(ctx: GraphRequestContext, record: JsonObject): JsonObject {
  const copy = publicCopy(record);
  const select = selectedProperties(ctx);
  return select
    ? pick(
        copy,
        select.filter((name) => !INTERNAL_FIELDS.includes(name)),
      )
    : copy;
}

export function groupView(ctx: GraphRequestContext, group: GroupRecord): JsonObject {
  return objectView(ctx, group);
}

/**
 * A user as the request asks to see it: `$select` wins; otherwise v1.0 shows the default set
 * (businessPhones empty, missing properties null) and beta everything public.
 */
export function userView(ctx: GraphRequestContext, user: UserRecord): JsonObject {
  const copy = publicCopy(user);
  copy.businessPhones = copy.businessPhones ?? [];
  const select = selectedProperties(ctx);
  if (select) {
    const view = pick(
      copy,
      select.filter((name) => !INTERNAL_FIELDS.includes(name)),
    );
    if ("alternativeSecurityIds" in view)
      view.alternativeSecurityIds = copy.alternativeSecurityIds ?? [];
    return view;
  }
  for (const name of SELECT_ONLY_USER_FIELDS) delete copy[name];
  if (ctx.version === "beta") return copy;
  const view: JsonObject = {};
  for (const name of V1_DEFAULT_USER_FIELDS) view[name] = copy[name] ?? null;
  return view;
}
