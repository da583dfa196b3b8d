/**
 * POST .../schema/parseExpression on job and template schemas, answered with the project's
 * expression module (parse, then evaluate against the test input object).
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

const repoRoot = path.resolve(__dirname, "..", "..");
const vectors = JSON.parse(
  readFileSync(
    path.join(repoRoot, "test", "fixtures", "reference", "expression-vectors.json"),
    "utf8",
  ),
) as { trees: Array<{ expression: string | null; requestExpression?: string; tree: unknown }> };

/** The Graph docs' parseExpression example, with the tree Graph answered. */
const docsExample = vectors.trees.find((tree) => tree.requestExpression !== undefined);

interface ParseResponse {
  error: { code: string; message: string; target: string | null } | null;
  evaluationSucceeded: boolean;
  evaluationResult: string[] | null;
  parsingSucceeded: boolean;
  parsedExpression: Record<string, unknown> | null;
}

let t: TestWorld;
let spId: string;
let jobId: string;

const onJob = (body: unknown) =>
  t.call(
    SOURCE_TENANT_ID,
    "POST",
    `/servicePrincipals/${spId}/synchronization/jobs/${jobId}/schema/parseExpression`,
    body,
  );
const onTemplate = (body: unknown, templateId = "Azure2Azure") =>
  t.call(
    SOURCE_TENANT_ID,
    "POST",
    `/servicePrincipals/${spId}/synchronization/templates/${templateId}/schema/parseExpression`,
    body,
  );
const parsed = (res: DispatchResult) => {
  expect(res.status).toBe(200);
  return res.body as ParseResponse;
};

beforeEach(async () => {
  t = createTestWorld();
  spId = await instantiateConfiguration(t);
  jobId = await createAzure2AzureJob(t, spId);
});

it("answers the Graph docs example with the tree and result Graph gave", async () => {
  expect(docsExample).toBeDefined();
  const body = parsed(
    await onJob({
      expression: docsExample?.requestExpression,
      targetAttributeDefinition: null,
      testInputObject: {
        definition: null,
        properties: [
          { key: "preferredLanguage", value: "EN-US" },
          {
            key: "appRoleAssignments",
            "value@odata.type": "#Collection(String)",
            value: ["Default Assignment"],
          },
        ],
      },
    }),
  );
  expect(body).toEqual(
    expect.objectContaining({
      error: null,
      parsingSucceeded: true,
      evaluationSucceeded: true,
      evaluationResult: ["EN_US"],
    }),
  );
  expect(body.parsedExpression).toEqual(docsExample?.tree);
});

it("parses without evaluating when there is no test input", async () => {
  const body = parsed(await onJob({ expression: "[mail]" }));
  expect(body.parsingSucceeded).toBe(true);
  expect(body.parsedExpression).toEqual({
    expression: "[mail]",
    name: "mail",
    type: "Attribute",
    parameters: [],
  });
  expect(body.evaluationSucceeded).toBe(false);
  expect(body.evaluationResult).toBeNull();
  expect(body.error).toBeNull();
});

it("evaluates multi-valued test properties", async () => {
  const body = parsed(
    await onJob({
      expression: 'Join(",", [otherMails])',
      testInputObject: {
        properties: [
          {
            key: "otherMails",
            "value@odata.type": "#Collection(String)",
            value: ["a@x.example", "b@x.example"],
          },
        ],
      },
    }),
  );
  expect(body.evaluationResult).toEqual(["a@x.example,b@x.example"]);
});

it("reports a parse error with its position", async () => {
  const body = parsed(await onJob({ expression: 'Join(" ", [givenName]' }));
  expect(body.parsingSucceeded).toBe(false);
  expect(body.parsedExpression).toBeNull();
  expect(body.evaluationSucceeded).toBe(false);
  expect(body.error?.code).toBe("ExpressionParseFailure");
  expect(body.error?.message).toMatch(/line 1, column \d+/);
});

it("reports an unknown function as a parse error", async () => {
  const body = parsed(await onJob({ expression: "Concat([givenName], [surname])" }));
  expect(body.parsingSucceeded).toBe(false);
  expect(body.error?.message).toContain("Concat");
});

it("reports a Cloud Sync-only function as a parse error", async () => {
  const body = parsed(await onJob({ expression: 'Error("not synchronized")' }));
  expect(body.parsingSucceeded).toBe(false);
  expect(body.error?.message).toContain("'Error' is not a function of the provisioning engine");
});

it("reports an evaluation failure after a successful parse", async () => {
  const body = parsed(
    await onJob({
      expression: "CDate([employeeHireDate])",
      testInputObject: { properties: [{ key: "employeeHireDate", value: "next Monday" }] },
    }),
  );
  expect(body.parsingSucceeded).toBe(true);
  expect(body.evaluationSucceeded).toBe(false);
  expect(body.evaluationResult).toBeNull();
  expect(body.error?.code).toBe("ExpressionEvaluationFailure");
  expect(body.error?.message).toContain("CDate");
});

it("answers on the template's schema too", async () => {
  const body = parsed(
    await onTemplate({
      expression: 'Append([mailNickname], "@fabrikam.example")',
      testInputObject: { properties: [{ key: "mailNickname", value: "adele" }] },
    }),
  );
  expect(body.evaluationResult).toEqual(["adele@fabrikam.example"]);
});

it("answers 404 for an unknown template or job", async () => {
  expect((await onTemplate({ expression: "[mail]" }, "Other")).status).toBe(404);
  jobId = "Azure2Azure.nope";
  expect((await onJob({ expression: "[mail]" })).status).toBe(404);
});

it("refuses a body without an expression", async () => {
  const res = await onJob({ testInputObject: { properties: [] } });
  expect(res.status).toBe(400);
  expect((res.body as { error: { message: string } }).error.message).toContain(
    "expression is required",
  );
});

it("refuses test properties that are not a list", async () => {
  const res = await onJob({ expression: "[mail]", testInputObject: { properties: { mail: "x" } } });
  expect(res.status).toBe(400);
});

it("refuses a caller without a synchronization write permission", async () => {
  const roles = ["Synchronization.Read.All"];
  t.source.callers[0].roles = roles;
  const res = await t.call(
    SOURCE_TENANT_ID,
    "POST",
    `/servicePrincipals/${spId}/synchronization/jobs/${jobId}/schema/parseExpression`,
    { expression: "[mail]" },
    roles,
  );
  expect(res.status).toBe(403);
});
