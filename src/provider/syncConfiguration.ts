import { z } from "zod";
import type { GraphSession } from "../graph/client";
import { isGraphRequestError } from "../graph/errors";
import {
  CTS_JOB_TEMPLATE_ID,
  CTS_TEMPLATE_ID,
  SYNC_CONSISTENCY_STATUSES,
  msiamAccessRoleId,
} from "./ctsTemplate";
import { formatId, parseId } from "./ids";
import type { ResourceImplementation } from "./implementation";
import { checkWith, containsUnknown, diffProperties, userProps, type Props } from "./properties";
import { pairCloudFailures } from "./clouds";
import { orRollBack } from "./rollback";
import { currentSettings, sessionFor } from "./runtime";
import { deleteSettled, settled } from "./settle";
import { guid, INT32_MAX, optionalBoolean } from "./schemas";
import {
  DEFAULT_DELETION_THRESHOLD,
  SETTINGS_KEYS,
  secretsBody,
  settingsFromSecrets,
  type SyncSettings,
} from "./syncSecrets";

const RESOURCE = "SyncConfiguration";

const inputsSchema = z
  .object({
    sourceTenantId: guid("sourceTenantId"),
    targetTenantId: guid("targetTenantId"),
    displayName: z
      .string({
        error: "displayName is required: the name of the configuration in the source tenant",
      })
      .min(1, "displayName must not be empty")
      .max(256, "displayName must be at most 256 characters"),
    scope: z.enum(["assigned", "all"], { error: 'scope must be "assigned" or "all"' }).optional(),
    notificationEmail: z
      .email({
        error: "notificationEmail must be an e-mail address, e.g. identity-ops@contoso.com",
      })
      .optional(),
    accidentalDeletionPrevention: z.boolean().optional(),
    accidentalDeletionThreshold: z
      .number()
      .int("accidentalDeletionThreshold must be a whole number")
      .min(
        1,
        "accidentalDeletionThreshold must be at least 1; to turn the protection off set accidentalDeletionPrevention: false",
      )
      // DeleteThresholdValue's range is undocumented; held to a 32-bit integer (decisions/0081).
      .max(
        INT32_MAX,
        `accidentalDeletionThreshold must be between 1 and ${INT32_MAX} (Graph stores it as a 32-bit integer)`,
      )
      .optional(),
    testConnection: z.boolean().optional(),
    crossCloud: optionalBoolean("crossCloud"),
    serviceManagementReference: z.string().optional(),
    // Outputs of an earlier create travel back in as inputs on refresh and import.
    applicationObjectId: z.string().optional(),
    appId: z.string().optional(),
    servicePrincipalId: z.string().optional(),
    appRoleId: z.string().optional(),
  })
  .strict();

const OUTPUT_KEYS = ["applicationObjectId", "appId", "servicePrincipalId", "appRoleId"];

function withDefaults(props: Props): Props {
  return {
    scope: "assigned",
    accidentalDeletionPrevention: true,
    accidentalDeletionThreshold: DEFAULT_DELETION_THRESHOLD,
    testConnection: true,
    ...props,
  };
}

function settingsOf(props: Props): SyncSettings {
  return {
    targetTenantId: props.targetTenantId as string,
    scope: props.scope as "assigned" | "all",
    notificationEmail: props.notificationEmail as string | undefined,
    accidentalDeletionPrevention: props.accidentalDeletionPrevention as boolean,
    accidentalDeletionThreshold: props.accidentalDeletionThreshold as number,
  };
}

interface Configuration {
  applicationObjectId: string;
  appId: string;
  servicePrincipalId: string;
  appRoleId: string;
}

function roleIdOf(servicePrincipal: Props): string {
  const id = msiamAccessRoleId(servicePrincipal.appRoles);
  if (!id) {
    throw new Error(
      `${RESOURCE}: the service principal ${String(servicePrincipal.id)} has no msiam_access app role.`,
    );
  }
  return id;
}

function odataString(value: string): string {
  return value.replace(/'/g, "''");
}

/**
 * The deterministic marker of a configuration we made: the CTS template and the display name.
 * A create interrupted after instantiate leaves such an application; the next create adopts it
 * instead of instantiating a duplicate. A list answers from a replica that may not have the
 * application yet, so an empty answer settles before it is believed (decisions/0082).
 */
function findByMarker(
  session: GraphSession,
  displayName: string,
  targetTenantId: string,
): Promise<Configuration | undefined> {
  return settled(() => lookUpMarker(session, displayName, targetTenantId));
}

async function lookUpMarker(
  session: GraphSession,
  displayName: string,
  targetTenantId: string,
): Promise<Configuration | undefined> {
  const apps = await session.call<{ value: Props[] }>({
    operation: `look for an existing configuration named '${displayName}'`,
    method: "GET",
    path: "/applications",
    query: {
      $filter: `applicationTemplateId eq '${CTS_TEMPLATE_ID}' and displayName eq '${odataString(displayName)}'`,
    },
  });
  const app = apps.value[0];
  if (!app) return undefined;
  // Addressed by appId, so a service principal that has not replicated yet answers 404 (and is
  // waited for) rather than an empty list (which would look like "no configuration").
  const sp = await session.call<Props>({
    operation: `read the service principal of application ${String(app.appId)}`,
    method: "GET",
    path: `/servicePrincipals(appId='${String(app.appId)}')`,
    consistencyStatuses: [404],
  });
  // Adopt only what an interrupted create of this pair leaves: no target saved yet, or ours.
  // A configuration already set up for another target belongs to someone else.
  const secrets = await session.call<{ value: Array<{ key: string; value: string }> }>({
    operation: `read the synchronization settings of configuration ${String(sp.id)}`,
    method: "GET",
    path: `/servicePrincipals/${String(sp.id)}/synchronization/secrets`,
    consistencyStatuses: [404],
  });
  const savedTarget = settingsFromSecrets(secrets.value).targetTenantId;
  if (savedTarget && savedTarget.toLowerCase() !== targetTenantId.toLowerCase()) {
    const tenant = session.tenantId;
    throw new Error(
      `${RESOURCE}: tenant ${tenant} already has a configuration named '${displayName}' for target ${savedTarget}. ` +
        `Choose another displayName, or manage that one with { import: "tenants/${tenant}/servicePrincipals/${String(sp.id)}" }.`,
    );
  }
  return {
    applicationObjectId: app.id as string,
    appId: app.appId as string,
    servicePrincipalId: sp.id as string,
    appRoleId: roleIdOf(sp),
  };
}

async function instantiate(session: GraphSession, props: Props): Promise<Configuration> {
  const created = await session.call<{ application: Props; servicePrincipal: Props }>({
    operation: `instantiate the cross-tenant synchronization template as '${String(props.displayName)}'`,
    method: "POST",
    path: `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`,
    body: {
      displayName: props.displayName,
      ...(props.serviceManagementReference
        ? { serviceManagementReference: props.serviceManagementReference }
        : {}),
    },
  });
  return {
    applicationObjectId: created.application.id as string,
    appId: created.application.appId as string,
    servicePrincipalId: created.servicePrincipal.id as string,
    appRoleId: roleIdOf(created.servicePrincipal),
  };
}

async function testConnection(
  session: GraphSession,
  servicePrincipalId: string,
  targetTenantId: string,
  justCreated: boolean,
) {
  await session.call({
    operation: `test the connection to target tenant ${targetTenantId} (cross-tenant policy check)`,
    method: "POST",
    path: `/servicePrincipals/${servicePrincipalId}/synchronization/jobs/validateCredentials`,
    body: {
      useSavedCredentials: false,
      templateId: CTS_JOB_TEMPLATE_ID,
      credentials: [
        { key: "CompanyId", value: targetTenantId },
        { key: "AuthenticationType", value: "SyncPolicy" },
      ],
    },
    consistencyStatuses: justCreated ? SYNC_CONSISTENCY_STATUSES : undefined,
  });
}

async function saveSecrets(
  session: GraphSession,
  servicePrincipalId: string,
  props: Props,
  justCreated: boolean,
) {
  await session.call({
    operation: `save the synchronization settings of configuration ${servicePrincipalId}`,
    method: "PUT",
    path: `/servicePrincipals/${servicePrincipalId}/synchronization/secrets`,
    body: secretsBody(settingsOf(props)),
    consistencyStatuses: justCreated ? SYNC_CONSISTENCY_STATUSES : undefined,
  });
}

async function deleteApplication(session: GraphSession, applicationObjectId: string) {
  await deleteSettled(session, {
    operation: `delete configuration application ${applicationObjectId}`,
    path: `/applications/${applicationObjectId}`,
  });
}

export const syncConfiguration: ResourceImplementation = {
  async check(_olds, news) {
    const checked = checkWith(
      RESOURCE,
      inputsSchema,
      news,
      (inputs) => {
        const known =
          !containsUnknown(inputs.sourceTenantId) && !containsUnknown(inputs.targetTenantId);
        if (!known) return [];
        if (inputs.sourceTenantId.toLowerCase() === inputs.targetTenantId.toLowerCase()) {
          return [
            {
              property: "targetTenantId",
              reason: `${RESOURCE}: targetTenantId must differ from sourceTenantId.`,
            },
          ];
        }
        return pairCloudFailures(RESOURCE, currentSettings(), inputs);
      },
      ["sourceTenantId", "targetTenantId"],
    );
    return { ...checked, inputs: withDefaults(checked.inputs ?? news) };
  },

  async diff(_id, olds, news) {
    return diffProperties(olds, news, {
      // The cross-cloud option is chosen when the configuration is created (decisions/0130).
      replaceOn: ["sourceTenantId", "crossCloud"],
      // Unset means "notifications off" (SyncConfigurationArgs): an e-mail added in the portal is drift.
      removalIsChange: ["notificationEmail"],
      ignore: ["testConnection", "serviceManagementReference", ...OUTPUT_KEYS],
    });
  },

  async create(raw) {
    const props = withDefaults(userProps(raw));
    const tenantId = props.sourceTenantId as string;
    const session = sessionFor(tenantId);
    const adopted = await findByMarker(
      session,
      props.displayName as string,
      props.targetTenantId as string,
    );
    const configuration = adopted ?? (await instantiate(session, props));
    // Leave nothing half made behind: the next `up` starts clean. Only what this create made:
    // an adopted configuration stays as it was found. Deleting the application removes its
    // service principal with it.
    const made = adopted
      ? undefined
      : {
          what: `configuration application ${configuration.applicationObjectId}`,
          path: `/applications/${configuration.applicationObjectId}`,
        };
    await orRollBack(session, made, async () => {
      if (props.testConnection) {
        await testConnection(
          session,
          configuration.servicePrincipalId,
          props.targetTenantId as string,
          !adopted,
        );
      }
      await saveSecrets(session, configuration.servicePrincipalId, props, !adopted);
    });
    return {
      id: formatId({ tenantId, servicePrincipalId: configuration.servicePrincipalId }),
      outs: { ...props, ...configuration },
    };
  },

  async read(id, raw) {
    const declared = userProps(raw);
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId"]);
    const session = sessionFor(parsed.tenantId);
    const sp = parsed.servicePrincipalId!;
    const secrets = await session.call<
      { value: Array<{ key: string; value: string }> } | undefined
    >({
      operation: `read the synchronization settings of configuration ${sp}`,
      method: "GET",
      path: `/servicePrincipals/${sp}/synchronization/secrets`,
      notFoundIsEmpty: true,
    });
    if (!secrets) return { id: "", props: {} };
    let identity: Props = Object.fromEntries(OUTPUT_KEYS.map((key) => [key, declared[key]]));
    if (!declared.appId || !declared.applicationObjectId) {
      // Import: only the id is known; fetch the application's identity once.
      const servicePrincipal = await session.call<Props>({
        operation: `read service principal ${sp}`,
        method: "GET",
        path: `/servicePrincipals/${sp}`,
      });
      const apps = await session.call<{ value: Props[] }>({
        operation: `read the application of service principal ${sp}`,
        method: "GET",
        path: "/applications",
        query: { $filter: `appId eq '${String(servicePrincipal.appId)}'` },
      });
      identity = {
        applicationObjectId: apps.value[0]?.id,
        appId: servicePrincipal.appId,
        servicePrincipalId: sp,
        appRoleId: roleIdOf(servicePrincipal),
      };
      declared.displayName ??= servicePrincipal.displayName;
    }
    const live = settingsFromSecrets(secrets.value);
    const props: Props = withDefaults({
      ...declared,
      sourceTenantId: parsed.tenantId,
      ...identity,
    });
    for (const key of SETTINGS_KEYS) {
      props[key] = live[key];
    }
    if (props.notificationEmail === undefined) delete props.notificationEmail;
    return {
      id,
      props,
      inputs: Object.fromEntries(
        Object.entries(props).filter(([key]) => !OUTPUT_KEYS.includes(key)),
      ),
    };
  },

  async update(_id, rawOlds, rawNews) {
    const olds = userProps(rawOlds);
    const news = withDefaults(userProps(rawNews));
    const session = sessionFor(news.sourceTenantId as string);
    const identity = Object.fromEntries(
      OUTPUT_KEYS.map((key) => [key, olds[key]]),
    ) as unknown as Configuration;
    if (olds.displayName !== news.displayName) {
      for (const [path, what] of [
        [`/applications/${identity.applicationObjectId}`, "application"],
        [`/servicePrincipals/${identity.servicePrincipalId}`, "service principal"],
      ]) {
        await session.call({
          operation: `rename the configuration ${what}`,
          method: "PATCH",
          path,
          body: { displayName: news.displayName },
        });
      }
    }
    const settingsChanged = SETTINGS_KEYS.some(
      (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
    );
    if (settingsChanged) {
      if (news.testConnection && olds.targetTenantId !== news.targetTenantId) {
        await testConnection(
          session,
          identity.servicePrincipalId,
          news.targetTenantId as string,
          false,
        );
      }
      await saveSecrets(session, identity.servicePrincipalId, news, false);
    }
    return { outs: { ...news, ...identity } };
  },

  async delete(id, raw) {
    const props = userProps(raw);
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId"]);
    const session = sessionFor(parsed.tenantId);
    let applicationObjectId = props.applicationObjectId as string | undefined;
    if (!applicationObjectId || containsUnknown(applicationObjectId)) {
      const found = await findApplicationOf(session, parsed.servicePrincipalId!);
      if (!found) return;
      applicationObjectId = found;
    }
    // Deleting the application removes its service principal and synchronization with it.
    await deleteApplication(session, applicationObjectId);
  },
};

async function findApplicationOf(
  session: GraphSession,
  servicePrincipalId: string,
): Promise<string | undefined> {
  try {
    const sp = await session.call<Props>({
      operation: `read service principal ${servicePrincipalId}`,
      method: "GET",
      path: `/servicePrincipals/${servicePrincipalId}`,
    });
    const apps = await session.call<{ value: Props[] }>({
      operation: `read the application of service principal ${servicePrincipalId}`,
      method: "GET",
      path: "/applications",
      query: { $filter: `appId eq '${String(sp.appId)}'` },
    });
    return apps.value[0]?.id as string | undefined;
  } catch (error) {
    if (isGraphRequestError(error) && error.statusCode === 404) return undefined;
    throw error;
  }
}
