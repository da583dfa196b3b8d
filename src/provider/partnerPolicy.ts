import { z } from "zod";
import { isGraphRequestError, isNotFound } from "../graph/errors";
import type { GraphSession } from "../graph/client";
import { formatId, parseId } from "./ids";
import { checkWith, containsUnknown, diffProperties, userProps, type Props } from "./properties";
import { orRollBack } from "./rollback";
import { sessionFor } from "./runtime";
import { deleteSettled } from "./settle";
import { guid, optionalBoolean } from "./schemas";
import type { ResourceImplementation } from "./implementation";
import type { InboundTrustPayload, IdentitySyncPayload, PartnerPayload } from "./graphPayloads";

const RESOURCE = "PartnerPolicy";
const PARTNERS = "/policies/crossTenantAccessPolicy/partners";
const TRUST_KEYS = [
  "isMfaAccepted",
  "isCompliantDeviceAccepted",
  "isHybridAzureADJoinedDeviceAccepted",
] as const;

const target = z.object({
  target: z.string().min(1),
  targetType: z.enum(["user", "group", "application"]),
});
const targetConfiguration = z.object({
  accessType: z.enum(["allowed", "blocked"]),
  targets: z.array(target).min(1),
});
const b2bSetting = z
  .object({
    usersAndGroups: targetConfiguration.optional(),
    applications: targetConfiguration.optional(),
  })
  .strict();

const inputsSchema = z
  .object({
    tenantId: guid("tenantId"),
    partnerTenantId: guid("partnerTenantId"),
    automaticUserConsentInbound: optionalBoolean("automaticUserConsentInbound"),
    automaticUserConsentOutbound: optionalBoolean("automaticUserConsentOutbound"),
    userSyncInbound: optionalBoolean("userSyncInbound"),
    groupSyncInbound: optionalBoolean("groupSyncInbound"),
    identitySyncDisplayName: z.string().optional(),
    inboundTrust: z
      .object({
        isMfaAccepted: z.boolean().optional(),
        isCompliantDeviceAccepted: z.boolean().optional(),
        isHybridAzureADJoinedDeviceAccepted: z.boolean().optional(),
      })
      .strict()
      .optional(),
    b2bCollaborationInbound: b2bSetting.optional(),
    b2bCollaborationOutbound: b2bSetting.optional(),
    adoptExisting: z.boolean().optional(),
  })
  .strict();

type Inputs = z.infer<typeof inputsSchema>;

const SYNC_KEYS = ["userSyncInbound", "groupSyncInbound", "identitySyncDisplayName"] as const;

function partnerPath(partnerTenantId: string): string {
  return `${PARTNERS}/${partnerTenantId}`;
}

/** The partner body for the properties a program declares (Graph names). */
function partnerBody(inputs: Props, live?: Props): PartnerPayload {
  const body: PartnerPayload = {};
  const consent =
    live?.automaticUserConsentSettings as PartnerPayload["automaticUserConsentSettings"];
  if (
    inputs.automaticUserConsentInbound !== undefined ||
    inputs.automaticUserConsentOutbound !== undefined
  ) {
    // Complex properties are replaced whole on PATCH: keep the sibling we do not manage.
    body.automaticUserConsentSettings = {
      inboundAllowed:
        (inputs.automaticUserConsentInbound as boolean | undefined) ??
        consent?.inboundAllowed ??
        null,
      outboundAllowed:
        (inputs.automaticUserConsentOutbound as boolean | undefined) ??
        consent?.outboundAllowed ??
        null,
    };
  }
  if (inputs.inboundTrust !== undefined) {
    const trust = (live?.inboundTrust as Props | null | undefined) ?? {};
    const declared = inputs.inboundTrust as Props;
    body.inboundTrust = Object.fromEntries(
      TRUST_KEYS.map((key) => [key, declared[key] ?? trust[key] ?? false]),
    ) as InboundTrustPayload;
  }
  // Validated at check against the same shape (resources/args); Graph's typings name it here.
  if (inputs.b2bCollaborationInbound !== undefined)
    body.b2bCollaborationInbound =
      inputs.b2bCollaborationInbound as PartnerPayload["b2bCollaborationInbound"];
  if (inputs.b2bCollaborationOutbound !== undefined)
    body.b2bCollaborationOutbound =
      inputs.b2bCollaborationOutbound as PartnerPayload["b2bCollaborationOutbound"];
  return body;
}

function syncBody(inputs: Props, name: string): IdentitySyncPayload {
  const body: IdentitySyncPayload = {
    displayName: (inputs.identitySyncDisplayName as string | undefined) ?? name,
  };
  if (inputs.userSyncInbound !== undefined)
    body.userSyncInbound = { isSyncAllowed: inputs.userSyncInbound as boolean };
  if (inputs.groupSyncInbound !== undefined)
    body.groupSyncInbound = { isSyncAllowed: inputs.groupSyncInbound as boolean };
  return body;
}

function managesSync(props: Props): boolean {
  return SYNC_KEYS.some((key) => props[key] !== undefined);
}

/** beta is needed only for group sync. */
function syncVersion(props: Props): "v1.0" | "beta" {
  return props.groupSyncInbound !== undefined ? "beta" : "v1.0";
}

/**
 * Projects a live partner onto the properties the program declares (all of them on a bare
 * import), so refresh reports exactly what drifted.
 */
function project(live: Props, sync: Props | undefined, declared: Props): Props {
  const all = Object.keys(declared).length <= 2; // only the ids: import without inputs
  const has = (key: string) => all || declared[key] !== undefined;
  const out: Props = { tenantId: declared.tenantId, partnerTenantId: live.tenantId };
  const consent = (live.automaticUserConsentSettings as Props | null) ?? {};
  if (has("automaticUserConsentInbound"))
    out.automaticUserConsentInbound = consent.inboundAllowed === true;
  if (has("automaticUserConsentOutbound"))
    out.automaticUserConsentOutbound = consent.outboundAllowed === true;
  if (has("userSyncInbound"))
    out.userSyncInbound = (sync?.userSyncInbound as Props | undefined)?.isSyncAllowed === true;
  if (declared.groupSyncInbound !== undefined) {
    out.groupSyncInbound = (sync?.groupSyncInbound as Props | undefined)?.isSyncAllowed === true;
  }
  if (declared.identitySyncDisplayName !== undefined && sync)
    out.identitySyncDisplayName = sync.displayName;
  if (has("inboundTrust")) {
    const trust = (live.inboundTrust as Props | null) ?? {};
    const keys = all ? TRUST_KEYS : Object.keys((declared.inboundTrust as Props) ?? {});
    out.inboundTrust = Object.fromEntries(keys.map((key) => [key, trust[key] === true]));
  }
  for (const key of ["b2bCollaborationInbound", "b2bCollaborationOutbound"]) {
    if (declared[key] !== undefined) out[key] = live[key] ?? null;
  }
  if (declared.adoptExisting !== undefined) out.adoptExisting = declared.adoptExisting;
  // Graph answers null outside a multitenant organization (decisions/0093): left out like unset.
  if (typeof live.isInMultiTenantOrganization === "boolean")
    out.isInMultiTenantOrganization = live.isInMultiTenantOrganization;
  return out;
}

async function readLive(session: GraphSession, partnerTenantId: string, props: Props) {
  const live = await session.call<Props | undefined>({
    operation: `read the partner configuration for tenant ${partnerTenantId}`,
    method: "GET",
    path: partnerPath(partnerTenantId),
    version: syncVersion(props),
    query: { $expand: "identitySynchronization" },
    notFoundIsEmpty: true,
  });
  return live;
}

async function writeSync(
  session: GraphSession,
  inputs: Props,
  exists: boolean,
  name: string,
  justCreated: boolean,
) {
  const partner = inputs.partnerTenantId as string;
  const write = (method: "PATCH" | "PUT") =>
    session.call({
      operation: `${method === "PATCH" ? "update" : "create"} identitySynchronization for partner ${partner}`,
      method,
      path: `${partnerPath(partner)}/identitySynchronization`,
      version: syncVersion(inputs),
      body: syncBody(inputs, name),
      consistencyStatuses: justCreated ? [404] : undefined,
    });
  if (!exists) return write("PUT");
  try {
    await write("PATCH");
  } catch (error) {
    // Someone deleted the policy since we last saw it: create it again.
    if (!isNotFound(error)) throw error;
    await write("PUT");
  }
}

export const partnerPolicy: ResourceImplementation = {
  async check(_olds, news) {
    return checkWith(
      RESOURCE,
      inputsSchema,
      news,
      (inputs: Inputs) =>
        !containsUnknown(inputs.tenantId) &&
        !containsUnknown(inputs.partnerTenantId) &&
        inputs.tenantId.toLowerCase() === inputs.partnerTenantId.toLowerCase()
          ? [
              {
                property: "partnerTenantId",
                reason: `${RESOURCE}: partnerTenantId must be another tenant than tenantId.`,
              },
            ]
          : [],
      ["tenantId", "partnerTenantId"],
    );
  },

  async diff(_id, olds, news) {
    return diffProperties(olds, news, {
      replaceOn: ["tenantId", "partnerTenantId"],
      ignore: ["adoptExisting"],
    });
  },

  async create(raw) {
    const inputs = userProps(raw);
    const tenantId = inputs.tenantId as string;
    const partner = inputs.partnerTenantId as string;
    const session = sessionFor(tenantId);
    const id = formatId({ tenantId, partnerTenantId: partner });
    // POST first: a conflict tells us the partner exists, so the usual case costs one request.
    let existing: Props | undefined;
    try {
      await session.call({
        operation: `create the partner configuration for ${partner}`,
        method: "POST",
        path: PARTNERS,
        body: { tenantId: partner, ...partnerBody(inputs) },
      });
    } catch (error) {
      if (!isGraphRequestError(error) || error.statusCode !== 409) throw error;
      if (!inputs.adoptExisting) {
        throw new Error(
          `${RESOURCE}: tenant ${tenantId} already has a partner configuration for ${partner}. ` +
            `Adopt it with the resource option { import: "${id}" }, or set adoptExisting: true.`,
        );
      }
      existing = await readLive(session, partner, inputs);
      if (!existing) throw error;
      const body = partnerBody(inputs, existing);
      if (Object.keys(body).length) {
        await session.call({
          operation: `update the partner configuration for ${partner}`,
          method: "PATCH",
          path: partnerPath(partner),
          body,
        });
      }
    }
    const name = `Partner ${partner}`;
    if (managesSync(inputs)) {
      // A partner we just created without its sync policy would block the next create.
      const made = existing
        ? undefined
        : { what: `the partner configuration for ${partner}`, path: partnerPath(partner) };
      await orRollBack(session, made, () =>
        writeSync(session, inputs, !!existing?.identitySynchronization, name, !existing),
      );
    }
    return { id, outs: inputs };
  },

  async read(id, props) {
    const declared = userProps(props);
    const parsed = parseId(RESOURCE, id, ["tenantId", "partnerTenantId"]);
    const base = {
      ...declared,
      tenantId: parsed.tenantId,
      partnerTenantId: parsed.partnerTenantId,
    };
    const live = await readLive(sessionFor(parsed.tenantId), parsed.partnerTenantId!, base);
    if (!live) return { id: "", props: {} };
    const sync = (live.identitySynchronization as Props | null | undefined) ?? undefined;
    const projected = project(live, sync, base);
    return { id, props: projected, inputs: projected };
  },

  async update(_id, rawOlds, rawNews) {
    const olds = userProps(rawOlds);
    const news = userProps(rawNews);
    const tenantId = news.tenantId as string;
    const partner = news.partnerTenantId as string;
    const session = sessionFor(tenantId);
    const changed = (key: string) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]);
    const partnerKeys = [
      "automaticUserConsentInbound",
      "automaticUserConsentOutbound",
      "inboundTrust",
      "b2bCollaborationInbound",
      "b2bCollaborationOutbound",
    ];
    const changedPartnerKeys = partnerKeys.filter((key) => changed(key) && news[key] !== undefined);
    if (changedPartnerKeys.length) {
      // Only a half-declared complex property needs the live sibling values.
      const needsLive =
        (changedPartnerKeys.some((k) => k.startsWith("automaticUserConsent")) &&
          (news.automaticUserConsentInbound === undefined ||
            news.automaticUserConsentOutbound === undefined)) ||
        (changedPartnerKeys.includes("inboundTrust") &&
          Object.keys((news.inboundTrust as Props) ?? {}).length < TRUST_KEYS.length);
      const live = needsLive ? await readLive(session, partner, news) : undefined;
      const declared = Object.fromEntries(changedPartnerKeys.map((key) => [key, news[key]]));
      if (changedPartnerKeys.some((k) => k.startsWith("automaticUserConsent"))) {
        declared.automaticUserConsentInbound = news.automaticUserConsentInbound;
        declared.automaticUserConsentOutbound = news.automaticUserConsentOutbound;
      }
      await session.call({
        operation: `update the partner configuration for ${partner}`,
        method: "PATCH",
        path: partnerPath(partner),
        body: partnerBody(declared, live ?? undefined),
      });
    }
    if (SYNC_KEYS.some(changed) && managesSync(news)) {
      const existed = managesSync(olds) || (await syncExists(session, partner, news));
      await writeSync(session, news, existed, `Partner ${partner}`, false);
    }
    return { outs: news };
  },

  async delete(id, props) {
    const parsed = parseId(RESOURCE, id, ["tenantId", "partnerTenantId"]);
    const session = sessionFor(parsed.tenantId);
    const declared = userProps(props);
    const partner = parsed.partnerTenantId!;
    const deleteSync = () =>
      deleteSettled(session, {
        operation: `delete identitySynchronization for partner ${partner}`,
        path: `${partnerPath(partner)}/identitySynchronization`,
        version: syncVersion(declared),
      });
    const deletePartner = () =>
      deleteSettled(session, {
        operation: `delete the partner configuration for ${partner}`,
        path: partnerPath(partner),
      });
    // Graph refuses to delete a partner while its identitySynchronization exists.
    if (managesSync(declared)) await deleteSync();
    try {
      await deletePartner();
    } catch (error) {
      // Someone added a sync policy we did not manage: remove it, then the partner.
      if (!isGraphRequestError(error) || error.statusCode !== 400) throw error;
      await deleteSync();
      await deletePartner();
    }
  },
};

async function syncExists(session: GraphSession, partner: string, props: Props): Promise<boolean> {
  try {
    const sync = await session.call<Props | undefined>({
      operation: `read identitySynchronization for partner ${partner}`,
      method: "GET",
      path: `${partnerPath(partner)}/identitySynchronization`,
      version: syncVersion(props),
      notFoundIsEmpty: true,
    });
    return !!sync;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
