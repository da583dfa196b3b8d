/**
 * The attribute-mapping functions of the provisioning engine, from the project's expression
 * module: `GET .../schema/functions` answers with them as `attributeMappingFunctionSchema`
 * resources, and schema PUT refuses Function nodes naming anything else. Functions documented only
 * for Entra Cloud Sync are left out: CTS runs the provisioning engine.
 */
import { listExpressionFunctions, type ExpressionFunctionInfo } from "../../../mapping";
import type { JsonObject } from "../../world/types";

/** Graph's schema publishes String, Integer and Boolean parameter types only. */
const GRAPH_PARAMETER_TYPES = new Set(["String", "Integer", "Boolean"]);

function provisioningFunctions(): ExpressionFunctionInfo[] {
  return listExpressionFunctions().filter((info) =>
    info.engines.some((engine) => engine !== "cloud-sync"),
  );
}

/** `attributeMappingFunctionSchema` resources, in Graph's shape. */
export function functionSchemas(): JsonObject[] {
  return provisioningFunctions().map((info) => ({
    name: info.name,
    parameters: info.parameters.map((parameter) => ({
      name: parameter.key,
      allowMultipleOccurrences: parameter.repeatable,
      required: parameter.required,
      type: GRAPH_PARAMETER_TYPES.has(parameter.type) ? parameter.type : "String",
    })),
  }));
}

export const KNOWN_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  provisioningFunctions().map((info) => info.name),
);
