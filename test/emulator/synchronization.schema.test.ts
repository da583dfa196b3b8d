/**
 * A job's synchronizationSchema: the Azure2Azure default, GET/PUT/DELETE with validation and the
 * fixed matching attribute, and the filterOperators / functions catalogues.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  createTestWorld,
  SOURCE_TENANT_ID,
  type TestWorld,
  instantiateConfiguration,
  createAzure2AzureJob,
} from "./helpers/world";
import type { DispatchResult } from "../../src/emulator/http/dispatch";
import {
  azure2azureDefaultSchema,
  USER_INBOUND_USER_RULE_ID,
} from "../../src/emulator/fixtures/azure2azureSchema";

const repoRoot = path.resolve(__dirname, "..", "..");
const vectors = JSON.parse(
  readFileSync(
    path.join(repoRoot, "test", "fixtures", "reference", "expression-vectors.json"),
    "utf8",
  ),
) as { trees: Array<{ expression: string | null; targetAttributeName?: string; tree: unknown }> };

/* eslint-disable @typescript-eslint/no-explicit-any -- schema documents are free-form JSON */
type Schema = Record<string, any>;

let t: TestWorld;
let spId: string;
let jobId: string;

const schemaPath = () => `/servicePrincipals/${spId}/synchronization/jobs/${jobId}/schema`;
const getSchema = async (): Promise<Schema> => {
  const res = await t.call(SOURCE_TENANT_ID, "GET", schemaPath());
  expect(res.status).toBe(200);
  return res.body as Schema;
};
const putSchema = (schema: unknown) => t.call(SOURCE_TENANT_ID, "PUT", schemaPath(), schema);
const error = (res: DispatchResult) =>
  (res.body as { error: { code: string; message: string } }).error;

const userMapping = (schema: Schema) =>
  schema.synchronizationRules[0].objectMappings.find((m: Schema) => m.targetObjectName === "User");
const attributeMapping = (schema: Schema, target: string) =>
  userMapping(schema).attributeMappings.find((m: Schema) => m.targetAttributeName === target);
const sourceUser = (schema: Schema) =>
  schema.directories
    .find((d: Schema) => d.name === schema.synchronizationRules[0].sourceDirectoryName)
    .objects.find((o: Schema) => o.name === "User");

/** A PUT that the service refuses with schemaInvalid, leaving the stored schema as it was. */
async function expectSchemaInvalid(schema: Schema, mentioning: string): Promise<void> {
  const before = t.source.synchronization[spId].jobs[0].schema;
  const res = await putSchema(schema);
  expect(res.status).toBe(400);
  expect(error(res).code).toBe("schemaInvalid");
  expect(error(res).message).toContain(mentioning);
  expect(t.source.synchronization[spId].jobs[0].schema).toBe(before);
}

beforeEach(async () => {
  t = createTestWorld();
  spId = await instantiateConfiguration(t);
  jobId = await createAzure2AzureJob(t, spId);
});

describe("the Azure2Azure default schema", () => {
  it("has one USER_INBOUND_USER rule between the two directories it defines", async () => {
    const schema = await getSchema();
    expect(schema.id).toBe(jobId);
    expect(schema.version).toBe("v1.2");
    const [rule] = schema.synchronizationRules;
    expect(schema.synchronizationRules).toHaveLength(1);
    expect(rule).toEqual(
      expect.objectContaining({
        id: USER_INBOUND_USER_RULE_ID,
        name: "USER_INBOUND_USER",
        priority: 1,
        editable: true,
        sourceDirectoryName: "Azure Active Directory",
        targetDirectoryName: "Azure Active Directory (target tenant)",
      }),
    );
    expect(rule.metadata.map((m: Schema) => m.key)).toEqual([
      "defaultSourceObjectMappings",
      "supportsProvisionOnDemand",
    ]);
    expect(schema.directories.map((d: Schema) => d.name)).toEqual([
      rule.sourceDirectoryName,
      rule.targetDirectoryName,
    ]);
  });

  it("maps users (enabled) and groups (disabled)", async () => {
    const mappings = (await getSchema()).synchronizationRules[0].objectMappings;
    expect(
      mappings.map((m: Schema) => [
        m.name,
        m.sourceObjectName,
        m.targetObjectName,
        m.enabled,
        m.flowTypes,
      ]),
    ).toEqual([
      ["Provision Azure Active Directory Users", "User", "User", true, "Add, Update, Delete"],
      ["Provision Azure Active Directory Groups", "Group", "Group", false, "Add, Update, Delete"],
    ]);
  });

  it("matches users on alternativeSecurityIds with the real AltSecIdFromNetId tree", async () => {
    const schema = await getSchema();
    const realTree = vectors.trees.find((tree) => tree.expression === "AltSecIdFromNetId([netId])");
    expect(realTree).toBeDefined();
    const matching = userMapping(schema).attributeMappings.filter(
      (m: Schema) => m.matchingPriority > 0,
    );
    expect(matching).toHaveLength(1);
    expect(matching[0].targetAttributeName).toBe("alternativeSecurityIds");
    expect(matching[0].matchingPriority).toBe(1);
    expect(matching[0].source).toEqual(realTree?.tree);
  });

  it("writes Attribute and Constant sources exactly as Graph does", async () => {
    const schema = await getSchema();
    expect(attributeMapping(schema, "mail").source).toEqual({
      expression: "[mail]",
      name: "mail",
      type: "Attribute",
      parameters: [],
    });
    expect(attributeMapping(schema, "userType").source).toEqual({
      expression: '"Member"',
      name: "Member",
      type: "Constant",
      parameters: [],
    });
    const realShowInAddressList = vectors.trees.find(
      (tree) => tree.targetAttributeName === "showInAddressList",
    );
    expect(attributeMapping(schema, "showInAddressList").source).toEqual(
      realShowInAddressList?.tree,
    );
  });

  it("maps the documented user attributes", async () => {
    const targets = userMapping(await getSchema()).attributeMappings.map(
      (m: Schema) => m.targetAttributeName,
    );
    for (const name of [
      "IsSoftDeleted",
      "accountEnabled",
      "displayName",
      "mailNickname",
      "userPrincipalName",
      "mail",
      "givenName",
      "surname",
      "jobTitle",
      "companyName",
      "department",
      "employeeId",
      "streetAddress",
      "city",
      "state",
      "postalCode",
      "country",
      "preferredLanguage",
      "usageLocation",
      "showInAddressList",
      "userType",
      "manager",
    ]) {
      expect(targets).toContain(name);
    }
  });

  it("only reads source attributes the source directory defines and writes target ones it defines", async () => {
    const schema = await getSchema();
    const names = (dir: number, object: string) =>
      new Set(
        schema.directories[dir].objects
          .find((o: Schema) => o.name === object)
          .attributes.map((a: Schema) => a.name),
      );
    const attributeNames = (node: Schema | null): string[] =>
      !node
        ? []
        : node.type === "Attribute"
          ? [node.name]
          : (node.parameters ?? []).flatMap((p: Schema) => attributeNames(p.value));
    for (const mapping of schema.synchronizationRules[0].objectMappings) {
      for (const attribute of mapping.attributeMappings) {
        expect(names(1, mapping.targetObjectName)).toContain(attribute.targetAttributeName);
        for (const source of attributeNames(attribute.source))
          expect(names(0, mapping.sourceObjectName)).toContain(source);
      }
    }
  });

  it("anchors every object on its id", async () => {
    for (const directory of (await getSchema()).directories) {
      for (const object of directory.objects) {
        expect(
          object.attributes.filter((a: Schema) => a.anchor).map((a: Schema) => a.name),
        ).toEqual(["objectId"]);
      }
    }
  });

  it("is a fresh copy on every call", () => {
    const first = azure2azureDefaultSchema("a");
    first.synchronizationRules = [];
    expect(azure2azureDefaultSchema("b").synchronizationRules).toHaveLength(1);
  });
});

describe("PUT schema", () => {
  it("accepts the document GET returned and bumps the version on every PUT", async () => {
    const schema = await getSchema();
    expect((await putSchema(schema)).status).toBe(204);
    expect((await getSchema()).version).toBe("v1.3");
    expect((await putSchema(await getSchema())).status).toBe(204);
    expect((await getSchema()).version).toBe("v1.4");
  });

  it("replaces the whole document", async () => {
    const schema = await getSchema();
    userMapping(schema).attributeMappings = userMapping(schema).attributeMappings.filter(
      (m: Schema) => m.targetAttributeName !== "mobile",
    );
    attributeMapping(schema, "displayName").source = {
      expression: 'Join(" ", [givenName], [surname])',
      name: "Join",
      type: "Function",
      parameters: [
        {
          key: "separator",
          value: { expression: '" "', name: " ", type: "Constant", parameters: [] },
        },
        {
          key: "source",
          value: {
            expression: "[givenName]",
            name: "givenName",
            type: "Attribute",
            parameters: [],
          },
        },
        {
          key: "source",
          value: { expression: "[surname]", name: "surname", type: "Attribute", parameters: [] },
        },
      ],
    };
    expect((await putSchema(schema)).status).toBe(204);
    const stored = await getSchema();
    expect(attributeMapping(stored, "mobile")).toBeUndefined();
    expect(attributeMapping(stored, "displayName").source.name).toBe("Join");
  });

  it("keeps the job's id and the service's version whatever the body says", async () => {
    const schema = await getSchema();
    schema.id = "something-else";
    schema.version = "v9.9";
    expect((await putSchema(schema)).status).toBe(204);
    const stored = await getSchema();
    expect(stored.id).toBe(jobId);
    expect(stored.version).toBe("v1.3");
  });

  it("accepts flowTypes without Delete (how CTS stops deprovisioning)", async () => {
    const schema = await getSchema();
    userMapping(schema).flowTypes = "Add,Update";
    expect((await putSchema(schema)).status).toBe(204);
    expect(userMapping(await getSchema()).flowTypes).toBe("Add,Update");
  });

  it("accepts a scoping filter on a source attribute", async () => {
    const schema = await getSchema();
    userMapping(schema).scope.groups = [
      {
        name: "Marketing department filter",
        clauses: [
          {
            operatorName: "EQUALS",
            sourceOperandName: "department",
            targetOperand: { values: ["Marketing"] },
          },
        ],
      },
    ];
    expect((await putSchema(schema)).status).toBe(204);
  });

  it("accepts a mapping from an attribute added to the source directory", async () => {
    const schema = await getSchema();
    sourceUser(schema).attributes.push({
      name: "extension_abc_costCenter",
      type: "String",
      multivalued: false,
    });
    userMapping(schema).attributeMappings.push({
      targetAttributeName: "extensionAttribute1",
      source: { name: "extension_abc_costCenter", type: "Attribute" },
      matchingPriority: 0,
    });
    expect((await putSchema(schema)).status).toBe(204);
  });

  describe("the matching attribute", () => {
    it("refuses a changed matching source", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "alternativeSecurityIds").source = {
        expression: "[mail]",
        name: "mail",
        type: "Attribute",
        parameters: [],
      };
      await expectSchemaInvalid(
        schema,
        "matching attribute mapping 'alternativeSecurityIds' was changed",
      );
    });

    it("refuses a changed matching priority", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "alternativeSecurityIds").matchingPriority = 2;
      await expectSchemaInvalid(schema, "'alternativeSecurityIds'");
    });

    it("refuses a removed matching attribute", async () => {
      const schema = await getSchema();
      userMapping(schema).attributeMappings = userMapping(schema).attributeMappings.filter(
        (m: Schema) => m.targetAttributeName !== "alternativeSecurityIds",
      );
      await expectSchemaInvalid(
        schema,
        "matching attribute mapping 'alternativeSecurityIds' is missing",
      );
    });

    it("refuses an added matching attribute", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "mail").matchingPriority = 2;
      await expectSchemaInvalid(
        schema,
        "attribute mapping 'mail' has matchingPriority 2; adding a matching attribute is not supported",
      );
    });

    it("refuses a schema without the user mapping", async () => {
      const schema = await getSchema();
      schema.synchronizationRules[0].objectMappings =
        schema.synchronizationRules[0].objectMappings.filter(
          (m: Schema) => m.targetObjectName !== "User",
        );
      await expectSchemaInvalid(schema, "'Provision Azure Active Directory Users'");
    });

    it("accepts the matching source written without its expression text", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "alternativeSecurityIds").source = {
        name: "AltSecIdFromNetId",
        type: "Function",
        parameters: [{ key: "source", value: { name: "netId", type: "Attribute" } }],
      };
      expect((await putSchema(schema)).status).toBe(204);
    });
  });

  describe("structure", () => {
    it("refuses a rule id the template does not know", async () => {
      const schema = await getSchema();
      schema.synchronizationRules[0].id = "usr2usr";
      await expectSchemaInvalid(schema, "has id 'usr2usr', which the template does not know");
    });

    it("refuses a rule naming a directory the schema does not define", async () => {
      const schema = await getSchema();
      schema.synchronizationRules[0].targetDirectoryName = "Microsoft Entra ID (target tenant)";
      await expectSchemaInvalid(
        schema,
        "targetDirectoryName 'Microsoft Entra ID (target tenant)' names no directory",
      );
    });

    it("follows a renamed directory when the rule names it too", async () => {
      const schema = await getSchema();
      schema.directories[0].name = "Microsoft Entra ID";
      schema.synchronizationRules[0].sourceDirectoryName = "Microsoft Entra ID";
      expect((await putSchema(schema)).status).toBe(204);
    });

    it("refuses a schema without directories", async () => {
      const schema = await getSchema();
      delete schema.directories;
      await expectSchemaInvalid(schema, "directories are missing");
    });

    it("refuses a body that is not a schema", async () => {
      await expectSchemaInvalid([] as unknown as Schema, "must be a synchronizationSchema object");
      await expectSchemaInvalid({ directories: [] }, "synchronizationRules must be an array");
    });

    it("refuses invalid flowTypes", async () => {
      const schema = await getSchema();
      userMapping(schema).flowTypes = "Add, Update, Remove";
      await expectSchemaInvalid(schema, "flowTypes 'Add, Update, Remove'");
    });

    it("refuses a target attribute the target object does not define", async () => {
      const schema = await getSchema();
      userMapping(schema).attributeMappings.push({
        targetAttributeName: "costCenter",
        source: { name: "department", type: "Attribute" },
      });
      await expectSchemaInvalid(
        schema,
        "attribute mapping 'costCenter' targets an attribute the target object does not define",
      );
    });

    it("refuses a source attribute the source object does not define", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "department").source = {
        expression: "[division]",
        name: "division",
        type: "Attribute",
        parameters: [],
      };
      await expectSchemaInvalid(schema, "source attribute 'division' is not defined");
    });

    it("refuses an unknown function in a source tree", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "displayName").source = {
        name: "Concat",
        type: "Function",
        parameters: [{ key: "source", value: { name: "givenName", type: "Attribute" } }],
      };
      await expectSchemaInvalid(schema, "'Concat' is not a known attribute-mapping function");
    });

    it("refuses a malformed source node", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "city").source = {
        name: "city",
        type: "Attribute",
        parameters: [{ key: "x", value: { name: "y" } }],
      };
      await expectSchemaInvalid(schema, "cannot have parameters");
      attributeMapping(schema, "city").source = { name: "city", type: "Column" };
      await expectSchemaInvalid(schema, "has type 'Column'");
    });

    it("refuses a source expression that does not parse", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "displayName").source = {
        expression: 'Join(" ", [givenName]',
        name: "Join",
        type: "Function",
        parameters: [
          { key: "separator", value: { name: " ", type: "Constant" } },
          { key: "source", value: { name: "givenName", type: "Attribute" } },
        ],
      };
      await expectSchemaInvalid(schema, "does not parse");
    });

    it("refuses an unknown scoping-filter operator", async () => {
      const schema = await getSchema();
      userMapping(schema).scope.groups = [
        {
          name: "f",
          clauses: [
            {
              operatorName: "LIKE",
              sourceOperandName: "department",
              targetOperand: { values: ["x"] },
            },
          ],
        },
      ];
      await expectSchemaInvalid(schema, "uses operator 'LIKE'");
    });

    it("refuses an attribute type outside the enum", async () => {
      const schema = await getSchema();
      sourceUser(schema).attributes.push({ name: "badge", type: "Number" });
      await expectSchemaInvalid(schema, "attribute 'badge' has type 'Number'");
    });

    it("refuses an invalid attribute flowType", async () => {
      const schema = await getSchema();
      attributeMapping(schema, "city").flowType = "Sometimes";
      await expectSchemaInvalid(schema, "flowType 'Sometimes'");
    });
  });
});

describe("DELETE schema", () => {
  it("resets the job's schema to the template default", async () => {
    const schema = await getSchema();
    userMapping(schema).flowTypes = "Add, Update";
    await putSchema(schema);
    const res = await t.call(SOURCE_TENANT_ID, "DELETE", schemaPath());
    expect(res.status).toBe(204);
    const reset = await getSchema();
    expect(reset.version).toBe("v1.2");
    expect(reset.id).toBe(jobId);
    expect(userMapping(reset).flowTypes).toBe("Add, Update, Delete");
  });

  it("answers 404 for a job that does not exist", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "DELETE",
      `/servicePrincipals/${spId}/synchronization/jobs/Azure2Azure.nope/schema`,
    );
    expect(res.status).toBe(404);
  });
});

describe("catalogues", () => {
  it("lists the scoping-filter operators on job and template schemas", async () => {
    for (const base of [
      schemaPath(),
      `/servicePrincipals/${spId}/synchronization/templates/Azure2Azure/schema`,
    ]) {
      const res = await t.call(SOURCE_TENANT_ID, "GET", `${base}/filterOperators`);
      expect(res.status).toBe(200);
      const operators = (res.body as { value: Schema[] }).value;
      expect(operators).toContainEqual(
        expect.objectContaining({ name: "EQUALS", arity: "Binary" }),
      );
      expect(operators).toContainEqual(
        expect.objectContaining({ name: "IS TRUE", arity: "Unary" }),
      );
    }
  });

  it("lists functions with Graph's parameter keys", async () => {
    const res = await t.call(SOURCE_TENANT_ID, "GET", `${schemaPath()}/functions`);
    expect(res.status).toBe(200);
    const replace = (res.body as { value: Schema[] }).value.find((f) => f.name === "Replace");
    expect(replace?.parameters.map((p: Schema) => p.name)).toEqual([
      "source",
      "Find",
      "RegularExpression",
      "RegularExpressionGroupName",
      "Replacement",
      "ReplacementPropertyName",
      "Template",
    ]);
  });

  it("lists the cross-tenant matching function and leaves out Cloud Sync-only ones", async () => {
    const res = await t.call(SOURCE_TENANT_ID, "GET", `${schemaPath()}/functions`);
    const names = (res.body as { value: Schema[] }).value.map((f) => f.name);
    expect(names).toContain("AltSecIdFromNetId");
    expect(names).toContain("IIF");
    expect(names).not.toContain("Error");
    expect(names).not.toContain("DNComponent");
  });

  it("answers 404 for the catalogues of a missing job", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `/servicePrincipals/${spId}/synchronization/jobs/Azure2Azure.nope/schema/functions`,
    );
    expect(res.status).toBe(404);
  });
});

describe("permissions", () => {
  it("lets Synchronization.Read.All read the schema but not replace or reset it", async () => {
    const roles = ["Synchronization.Read.All"];
    t.source.callers[0].roles = roles;
    const schema = await t.call(SOURCE_TENANT_ID, "GET", schemaPath(), undefined, roles);
    expect(schema.status).toBe(200);
    expect((await t.call(SOURCE_TENANT_ID, "PUT", schemaPath(), schema.body, roles)).status).toBe(
      403,
    );
    expect((await t.call(SOURCE_TENANT_ID, "DELETE", schemaPath(), undefined, roles)).status).toBe(
      403,
    );
  });
});
