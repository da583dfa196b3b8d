import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { GraphSession } from "../graph/client";
import { withLock } from "../graph/locks";
import { DIRECTORY_EXTENSION_NAME } from "../schema/azure2azure";
import { attributeNameFailures } from "./attributeNames";
import { parseExpression } from "../mapping";
import type { AttributeMappingEntryArgs } from "../resources/args";
import { CTS_JOB_TEMPLATE_ID } from "./ctsTemplate";
import { formatId, parseId } from "./ids";
import type { ResourceImplementation } from "./implementation";
import { checkWith, containsUnknown, diffProperties, userProps, type Props } from "./properties";
import { sessionFor } from "./runtime";
import { guid, SERVICE_PRINCIPAL_ID_HINT } from "./schemas";
import {
  MATCHING_ATTRIBUTE,
  applyDeclarations,
  projectDeclarations,
  restoreDefaults,
  sameMappings,
  type Declarations,
} from "./schemaEdit";
import { withKnownMetadataKeys } from "./schemaMetadataKeys";

const RESOURCE = "AttributeMapping";

/** Operators Graph's scoping filters accept (the provisioning service's filterOperators). */
export const SCOPING_OPERATORS = [
  "EQUALS",
  "NOT EQUALS",
  "IS TRUE",
  "IS FALSE",
  "IS NULL",
  "IS NOT NULL",
  "REGEX MATCH",
  "NOT REGEX MATCH",
  "Greater_Than",
  "Greater_Than_OR_EQUALS",
  "Less_Than",
  "Less_Than_OR_EQUALS",
  "Includes",
  "&",
  "!&",
] as const;
const UNARY = new Set(["IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL"]);

const entrySchema = z
  .object({
    targetAttribute: z
      .string()
      .min(1, "targetAttribute must name an attribute of the target tenant"),
    sourceAttribute: z.string().min(1).optional(),
    constant: z.string().optional(),
    expression: z.string().min(1).optional(),
    apply: z
      .enum(["always", "onCreate"], { error: 'apply must be "always" or "onCreate"' })
      .optional(),
    defaultValue: z.string().optional(),
  })
  .strict();

const clauseSchema = z
  .object({
    sourceAttribute: z.string().min(1),
    operator: z.enum(SCOPING_OPERATORS, {
      error: `operator must be one of: ${SCOPING_OPERATORS.join(", ")}`,
    }),
    values: z.array(z.string()).optional(),
  })
  .strict();

const inputsSchema = z
  .object({
    tenantId: guid("tenantId"),
    servicePrincipalId: guid("servicePrincipalId", SERVICE_PRINCIPAL_ID_HINT),
    jobId: z.string({ error: "jobId is required (SyncJob.jobId)" }).min(1),
    objectType: z
      .enum(["User", "Group"], { error: 'objectType must be "User" or "Group"' })
      .optional(),
    mappings: z.array(entrySchema).optional(),
    scopingFilter: z
      .array(z.object({ name: z.string().min(1), clauses: z.array(clauseSchema).min(1) }).strict())
      .optional(),
    deleteOutOfScope: z.boolean().optional(),
    enabled: z.boolean().optional(),
    directoryExtensions: z
      .array(
        z
          .string()
          .regex(
            DIRECTORY_EXTENSION_NAME,
            "a directory extension is named extension_<appId without dashes>_<name>, e.g. extension_0a1b2c3d4e5f60718293a4b5c6d7e8f9_costCenter",
          ),
      )
      .optional(),
  })
  .strict();

type Inputs = z.infer<typeof inputsSchema>;

/** Rules zod cannot express: one source per mapping, parseable expressions, the matching attribute. */
function semanticFailures(inputs: Inputs): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const seen = new Set<string>();
  (inputs.mappings ?? []).forEach((entry, index) => {
    const where = `mappings[${index}] (${entry.targetAttribute})`;
    const sources = [entry.sourceAttribute, entry.constant, entry.expression].filter(
      (s) => s !== undefined,
    );
    if (sources.length !== 1) {
      failures.push({
        property: `mappings[${index}]`,
        reason: `${RESOURCE}: ${where} needs exactly one of sourceAttribute, constant or expression.`,
      });
    }
    if (entry.targetAttribute === MATCHING_ATTRIBUTE) {
      failures.push({
        property: `mappings[${index}].targetAttribute`,
        reason: `${RESOURCE}: ${where}: ${MATCHING_ATTRIBUTE} is the matching attribute of cross-tenant sync and cannot be changed (Graph refuses the schema with schemaInvalid). Remove this mapping.`,
      });
    }
    if (seen.has(entry.targetAttribute)) {
      failures.push({
        property: `mappings[${index}].targetAttribute`,
        reason: `${RESOURCE}: ${where} is declared twice; keep one mapping per target attribute.`,
      });
    }
    seen.add(entry.targetAttribute);
    if (entry.expression !== undefined && !containsUnknown(entry.expression)) {
      try {
        parseExpression(entry.expression);
      } catch (error) {
        failures.push({
          property: `mappings[${index}].expression`,
          reason: `${RESOURCE}: ${where}: ${(error as Error).message}`,
        });
      }
    }
  });
  (inputs.scopingFilter ?? []).forEach((group, g) =>
    group.clauses.forEach((clause, c) => {
      const unary = UNARY.has(clause.operator);
      if (!unary && !containsUnknown(clause.values) && !(clause.values && clause.values.length)) {
        failures.push({
          property: `scopingFilter[${g}].clauses[${c}].values`,
          reason: `${RESOURCE}: scoping filter '${group.name}': operator ${clause.operator} needs values to compare ${clause.sourceAttribute} with.`,
        });
      }
    }),
  );
  failures.push(
    ...attributeNameFailures(RESOURCE, { ...inputs, objectType: inputs.objectType ?? "User" }),
  );
  return failures;
}

/** The declarations an AttributeMapping's inputs make (the impact report reads them too). */
export function declarationsOf(props: Props): Declarations {
  return {
    objectType: ((props.objectType as string | undefined) ?? "User") as "User" | "Group",
    mappings: props.mappings as AttributeMappingEntryArgs[] | undefined,
    scopingFilter: props.scopingFilter as Declarations["scopingFilter"],
    deleteOutOfScope: props.deleteOutOfScope as boolean | undefined,
    enabled: props.enabled as boolean | undefined,
  };
}

function ownedTargets(props: Props): string[] {
  return ((props.mappings as AttributeMappingEntryArgs[] | undefined) ?? []).map(
    (entry) => entry.targetAttribute,
  );
}

function schemaPath(servicePrincipalId: string, jobId: string): string {
  return `/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${encodeURIComponent(jobId)}/schema`;
}

async function getSchema(session: GraphSession, sp: string, jobId: string, justCreated = false) {
  return session.call<Props | undefined>({
    operation: `read the synchronization schema of job ${jobId}`,
    method: "GET",
    path: schemaPath(sp, jobId),
    consistencyStatuses: justCreated ? [404] : undefined,
    notFoundIsEmpty: !justCreated,
  });
}

async function putSchema(session: GraphSession, sp: string, jobId: string, schema: Props) {
  await session.call({
    operation: `update the synchronization schema of job ${jobId}`,
    method: "PUT",
    path: schemaPath(sp, jobId),
    body: withKnownMetadataKeys(schema),
  });
}

/** Read-modify-write of the whole schema, one writer per job at a time in this process. */
async function editSchema(
  props: Props,
  edit: (schema: Props) => Props | Promise<Props>,
  justCreated = false,
): Promise<void> {
  const tenantId = props.tenantId as string;
  const sp = props.servicePrincipalId as string;
  const jobId = props.jobId as string;
  const session = sessionFor(tenantId);
  await withLock(`schema:${tenantId}/${sp}/${jobId}`, async () => {
    const schema = await getSchema(session, sp, jobId, justCreated);
    if (!schema)
      throw new Error(`${RESOURCE}: job ${jobId} of configuration ${sp} does not exist.`);
    await putSchema(session, sp, jobId, await edit(schema));
  });
}

function idOf(props: Props): string {
  return formatId({
    tenantId: props.tenantId as string,
    servicePrincipalId: props.servicePrincipalId as string,
    jobId: props.jobId as string,
    objectType: (props.objectType as string | undefined) ?? "User",
    attributes: ownedTargets(props),
  });
}

export const attributeMapping: ResourceImplementation = {
  async check(_olds, news) {
    const checked = checkWith(RESOURCE, inputsSchema, news, semanticFailures, [
      "tenantId",
      "servicePrincipalId",
    ]);
    return { ...checked, inputs: { objectType: "User", ...checked.inputs } };
  },

  async diff(_id, olds, news) {
    return diffProperties(olds, news, {
      replaceOn: ["tenantId", "servicePrincipalId", "jobId", "objectType"],
      // Dropping one of these from the program gives it back to the template's default.
      removalIsChange: ["mappings", "scopingFilter", "deleteOutOfScope", "enabled"],
      // A declaration for check only: Graph holds nothing for it.
      ignore: ["directoryExtensions"],
      equal: { mappings: sameMappings },
    });
  },

  async create(raw) {
    const props: Props = { objectType: "User", ...userProps(raw) };
    await editSchema(props, (schema) => applyDeclarations(schema, declarationsOf(props)), true);
    return { id: idOf(props), outs: props };
  },

  async read(id, raw) {
    const declared = userProps(raw);
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId", "jobId", "objectType"]);
    const props: Props = {
      ...declared,
      tenantId: parsed.tenantId,
      servicePrincipalId: parsed.servicePrincipalId,
      jobId: parsed.jobId,
      objectType: parsed.objectType,
    };
    const schema = await getSchema(
      sessionFor(parsed.tenantId),
      parsed.servicePrincipalId!,
      parsed.jobId!,
    );
    if (!schema) return { id: "", props: {} };
    const owned = ownedTargets(props).length ? ownedTargets(props) : (parsed.attributes ?? []);
    const live = { ...props, ...projectDeclarations(schema, declarationsOf(props), owned) };
    return { id, props: live, inputs: live };
  },

  async update(_id, rawOlds, rawNews) {
    const olds = userProps(rawOlds);
    const news: Props = { objectType: "User", ...userProps(rawNews) };
    const dropped = ownedTargets(olds).filter((target) => !ownedTargets(news).includes(target));
    await editSchema(news, async (schema) => {
      let next = schema;
      if (
        dropped.length ||
        (["scopingFilter", "deleteOutOfScope", "enabled"] as const).some(
          (key) => olds[key] !== undefined && news[key] === undefined,
        )
      ) {
        // What this resource no longer declares goes back to the template's defaults.
        const template = await templateSchema(news);
        const released: Declarations = {
          ...declarationsOf(olds),
          mappings: ((olds.mappings as AttributeMappingEntryArgs[]) ?? []).filter((e) =>
            dropped.includes(e.targetAttribute),
          ),
          scopingFilter:
            news.scopingFilter === undefined
              ? (olds.scopingFilter as Declarations["scopingFilter"])
              : undefined,
          deleteOutOfScope:
            news.deleteOutOfScope === undefined
              ? (olds.deleteOutOfScope as boolean | undefined)
              : undefined,
          enabled: news.enabled === undefined ? (olds.enabled as boolean | undefined) : undefined,
        };
        next = restoreDefaults(next, template, released);
      }
      return applyDeclarations(next, declarationsOf(news));
    });
    return { outs: news };
  },

  async delete(id, raw) {
    const props = userProps(raw);
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId", "jobId", "objectType"]);
    const target: Props = {
      ...props,
      tenantId: parsed.tenantId,
      servicePrincipalId: parsed.servicePrincipalId,
      jobId: parsed.jobId,
      objectType: parsed.objectType,
    };
    const session = sessionFor(parsed.tenantId);
    await withLock(
      `schema:${parsed.tenantId}/${parsed.servicePrincipalId}/${parsed.jobId}`,
      async () => {
        const schema = await getSchema(session, parsed.servicePrincipalId!, parsed.jobId!);
        if (!schema) return; // the job is gone, and its schema with it
        const template = await templateSchema(target);
        await putSchema(
          session,
          parsed.servicePrincipalId!,
          parsed.jobId!,
          restoreDefaults(schema, template, declarationsOf(target)),
        );
      },
    );
  },
};

async function templateSchema(props: Props): Promise<Props> {
  const sp = props.servicePrincipalId as string;
  return sessionFor(props.tenantId as string).call<Props>({
    operation: `read the ${CTS_JOB_TEMPLATE_ID} template schema`,
    method: "GET",
    path: `/servicePrincipals/${sp}/synchronization/templates/${CTS_JOB_TEMPLATE_ID}/schema`,
  });
}
