/**
 * POST .../schema/parseExpression on a job's or a template's schema (decisions/reference/graph-cts.md §5.9): parses
 * the expression with the project's expression module and, when a test input object is given,
 * evaluates it. Parse and evaluation failures are answered in the body (200), like the service.
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext, type GraphRoute } from "../../http/route";
import type { JsonObject } from "../../world/types";
import { evaluateForTest, parseForTest, type TestInput } from "./expressionLanguage";
import { SYNC_WRITE_PERMISSIONS } from "./permissions";
import { findJob, objectBody, resolveSynchronization } from "./servicePrincipalSync";
import { requireTemplate } from "./templateCatalogue";

const ACTION = "parse the expression";

/** `testInputObject.properties` as a source record; undefined when there is nothing to evaluate. */
function testInput(body: Record<string, unknown>): TestInput | undefined {
  const input = body.testInputObject;
  if (input === undefined || input === null) return undefined;
  const properties = (input as Record<string, unknown>).properties;
  if (typeof input !== "object" || !Array.isArray(properties)) {
    throw GraphError.badRequest(
      `Failed to ${ACTION}: testInputObject.properties must be an array of {key, value}. Send {"testInputObject": {"properties": [{"key": "mail", "value": "a@b.c"}]}}.`,
    );
  }
  const record: Record<string, string | string[] | null> = {};
  for (const entry of properties as unknown[]) {
    const pair = (entry ?? {}) as Record<string, unknown>;
    if (typeof pair.key !== "string") {
      throw GraphError.badRequest(`Failed to ${ACTION}: every test property needs a string key.`);
    }
    const value = pair.value;
    record[pair.key] =
      value === null || value === undefined
        ? null
        : Array.isArray(value)
          ? value.map(String)
          : String(value);
  }
  return record;
}

function answer(ctx: GraphRequestContext): { status: number; body: JsonObject } {
  const body = objectBody(ctx, ACTION);
  if (typeof body.expression !== "string") {
    throw GraphError.badRequest(
      `Failed to ${ACTION}: expression is required. Send {"expression": "Join(\\" \\", [givenName], [surname])"}.`,
    );
  }
  const input = testInput(body);
  const parsed = parseForTest(body.expression);
  const response: JsonObject = {
    "@odata.context": `${ctx.graphBaseUrl}/$metadata#microsoft.graph.parseExpressionResponse`,
    error: parsed.ok ? null : parsed.error,
    evaluationSucceeded: false,
    evaluationResult: null,
    parsingSucceeded: parsed.ok,
    parsedExpression: parsed.ok ? parsed.tree : null,
  };
  if (parsed.ok && input) {
    const evaluated = evaluateForTest(parsed.tree, input, {
      now: new Date(ctx.now()),
      defaultDomain: ctx.tenant.domain,
    });
    response.evaluationSucceeded = evaluated.ok;
    response.evaluationResult = evaluated.ok ? evaluated.values : null;
    response.error = evaluated.ok ? null : evaluated.error;
  }
  return { status: 200, body: response };
}

export const parseExpressionRoutes: readonly GraphRoute[] = [
  route(
    "POST",
    "/servicePrincipals/:id/synchronization/jobs/:jobId/schema/parseExpression",
    SYNC_WRITE_PERMISSIONS,
    (ctx) => {
      const { sync } = resolveSynchronization(ctx, "write");
      findJob(ctx, sync);
      return answer(ctx);
    },
  ),
  route(
    "POST",
    "/servicePrincipals/:id/synchronization/templates/:templateId/schema/parseExpression",
    SYNC_WRITE_PERMISSIONS,
    (ctx) => {
      const { sp } = resolveSynchronization(ctx, "write");
      requireTemplate(sp, ctx.params.templateId, ACTION, 404);
      return answer(ctx);
    },
  ),
];
