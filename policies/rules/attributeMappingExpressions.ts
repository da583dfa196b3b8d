import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { parseExpression } from "pulumi-entra-cts";
import { configWithDefaults } from "../lib/config";
import { readArray, readString, UNKNOWN } from "../lib/known";
import { isResource } from "../lib/resources";

export interface AttributeMappingExpressionsConfig {
  /** Longest expression allowed, in characters. */
  maxExpressionLength: number;
}

export const attributeMappingExpressionsSchema: PolicyConfigSchema = {
  properties: {
    maxExpressionLength: {
      type: "integer",
      minimum: 1,
      maximum: 10000,
      default: 10000,
      description: "Longest expression allowed, in characters (Entra refuses more than 10,000).",
    },
  },
};

/** Cross-tenant sync matches users on it; Graph refuses any schema that maps it (schemaInvalid). */
const MATCHING_ATTRIBUTE = "alternativeSecurityIds";

/** What the expression module throws (checked by name: the pack may load another copy). */
interface ExpressionParseErrorShape {
  name: "ExpressionParseError";
  message: string;
  position: { line: number; column: number; offset: number };
}

function isParseError(error: unknown): error is ExpressionParseErrorShape {
  return error instanceof Error && error.name === "ExpressionParseError";
}

/**
 * A mapping expression is only parsed by Graph when the schema is saved during `pulumi up`; a
 * typo then fails the deployment halfway. Parsing in the preview moves the failure to review.
 */
export const attributeMappingExpressions: ResourceValidationPolicy = {
  name: "cts-attribute-mapping-expressions",
  description:
    "AttributeMapping expressions parse, stay within the length limit, and never remap the matching attribute alternativeSecurityIds.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: attributeMappingExpressionsSchema,
  remediationSteps:
    "Fix the expression at the reported position; remove any mapping whose targetAttribute is alternativeSecurityIds.",
  validateResource: (args, reportViolation) => {
    if (!isResource(args.type, "AttributeMapping")) return;
    const config = configWithDefaults<AttributeMappingExpressionsConfig>(
      attributeMappingExpressionsSchema,
      args.getConfig(),
    );
    const mappings = readArray(args.props, "mappings");
    if (mappings === UNKNOWN || mappings === undefined) return;
    for (const mapping of mappings) {
      const targetAttribute = readString(mapping, "targetAttribute");
      const label = typeof targetAttribute === "string" ? targetAttribute : "(unknown attribute)";
      if (
        typeof targetAttribute === "string" &&
        targetAttribute.toLowerCase() === MATCHING_ATTRIBUTE.toLowerCase()
      ) {
        reportViolation(
          `AttributeMapping '${args.name}' maps ${MATCHING_ATTRIBUTE}, the attribute cross-tenant sync matches users on. It cannot be changed: Graph refuses the schema with schemaInvalid. Remove this mapping.`,
        );
      }
      const expression = readString(mapping, "expression");
      if (typeof expression !== "string") continue;
      if (expression.length > config.maxExpressionLength) {
        reportViolation(
          `AttributeMapping '${args.name}': the expression for ${label} has ${expression.length} characters; the limit is ${config.maxExpressionLength}. Shorten it, e.g. move a Switch table into fewer cases.`,
        );
        continue;
      }
      try {
        parseExpression(expression);
      } catch (error) {
        if (!isParseError(error)) throw error;
        const { line, column } = error.position;
        // The module's messages end with "at line L, column C"; add the place only if missing.
        const where = error.message.includes(`line ${line}`)
          ? ""
          : ` at line ${line}, column ${column}`;
        reportViolation(
          `AttributeMapping '${args.name}': the expression for ${label} does not parse${where}: ${error.message.replace(/\.$/, "")}. Fix it there:\n${pointAt(expression, line, column)}`,
        );
      }
    }
  },
};

/** The expression's offending line with a caret under the column (both 1-based). */
function pointAt(expression: string, line: number, column: number): string {
  const text = expression.split(/\r\n|\r|\n/)[line - 1] ?? "";
  return `  ${text}\n  ${" ".repeat(Math.max(0, column - 1))}^`;
}
