/**
 * Scoping-filter operators (`filterOperatorSchema`, decisions/reference/graph-cts.md §5.7): the operators the Entra
 * portal offers for provisioning scoping filters. Schema PUT accepts only these names.
 */
import type { JsonObject } from "../../world/types";

type AttributeType = "String" | "Integer" | "Reference" | "Binary" | "Boolean" | "DateTime";

const SCALARS: AttributeType[] = [
  "String",
  "Integer",
  "Reference",
  "Binary",
  "Boolean",
  "DateTime",
];

function operator(
  name: string,
  arity: "Binary" | "Unary",
  supportedAttributeTypes: AttributeType[],
  multivaluedComparisonType: "All" | "Any" = "All",
): JsonObject {
  return { name, arity, multivaluedComparisonType, supportedAttributeTypes };
}

export function filterOperators(): JsonObject[] {
  return [
    operator("EQUALS", "Binary", ["String", "Integer", "Reference", "Boolean", "DateTime"]),
    operator("NOT EQUALS", "Binary", ["String", "Integer", "Reference", "Boolean", "DateTime"]),
    operator("IS TRUE", "Unary", ["Boolean"]),
    operator("IS FALSE", "Unary", ["Boolean"]),
    operator("IS NULL", "Unary", SCALARS),
    operator("IS NOT NULL", "Unary", SCALARS),
    operator("REGEX MATCH", "Binary", ["String"]),
    operator("NOT REGEX MATCH", "Binary", ["String"]),
    operator("Greater_Than", "Binary", ["Integer", "DateTime"]),
    operator("Greater_Than_OR_EQUALS", "Binary", ["Integer", "DateTime"]),
    operator("Includes", "Binary", ["String"], "Any"),
  ];
}

export const FILTER_OPERATOR_NAMES: ReadonlySet<string> = new Set(
  filterOperators().map((op) => op.name as string),
);
