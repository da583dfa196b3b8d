/**
 * Multi-valued helpers and app-role / internal functions: Count, Item, RemoveDuplicates,
 * SingleAppRoleAssignment, AppRoleAssignments, AppRoleAssignmentsComplex,
 * AssertiveAppRoleAssignmentsComplex, AltSecIdFromNetId, DefaultDomain.
 */
import { ExpressionEvaluationError } from "../errors";
import { asInteger, valuesOf } from "../values";
import { arg, checkIntegerConstant, defineFunction, param, type FunctionSpec } from "./spec";

export const Count = defineFunction({
  name: "Count",
  params: [param("source", "attribute", { type: "MultiValued" })],
  returns: "Integer",
  engines: ["provisioning"],
  description:
    "The number of values of a multi-valued attribute (0 for NULL, 1 for a single value).",
  compile: ([attribute]) => {
    const a = arg(attribute);
    return (src, ctx) => {
      const v = a(src, ctx);
      return v === null ? 0 : Array.isArray(v) ? v.length : 1;
    };
  },
});

export const Item = defineFunction({
  name: "Item",
  params: [
    param("attribute", "attribute", { type: "MultiValued" }),
    param("index", "index", { type: "Integer" }),
  ],
  returns: "String",
  engines: ["provisioning"],
  description:
    "The value at the 1-based index of a multi-valued attribute; NULL past the last value.",
  check: (args, ctx) => {
    checkIntegerConstant(args, 1, ctx, "index", 1);
  },
  compile: ([attribute, index]) => {
    const a = arg(attribute);
    const i = arg(index);
    return (src, ctx) => {
      const v = a(src, ctx);
      const k = asInteger(i(src, ctx), "Item", "index");
      if (k < 1)
        throw new ExpressionEvaluationError(
          "invalidArgument",
          `index is 1-based; got ${k}`,
          "Item",
        );
      if (v === null) return null;
      const values = valuesOf(v, "Item", "attribute");
      return values[k - 1] ?? null;
    };
  },
});

export const RemoveDuplicates = defineFunction({
  name: "RemoveDuplicates",
  params: [param("source", "attribute", { type: "MultiValued" })],
  returns: "MultiValued",
  engines: ["provisioning"],
  description:
    "The values of a multi-valued attribute without duplicates (ordinal comparison, first occurrence kept).",
  compile: ([attribute]) => {
    const a = arg(attribute);
    return (src, ctx) => {
      const v = a(src, ctx);
      if (v === null) return null;
      return [...new Set(valuesOf(v, "RemoveDuplicates", "attribute"))];
    };
  },
});

export const SingleAppRoleAssignment = defineFunction({
  name: "SingleAppRoleAssignment",
  params: [
    param("source", "appRoleAssignments", { keySource: "graph-schema", type: "MultiValued" }),
  ],
  returns: "String",
  engines: ["provisioning"],
  description:
    "One app role of the user's assignments. Entra's choice is unpredictable when there are several; the evaluator returns the first.",
  compile: ([source]) => {
    const s = arg(source);
    return (src, ctx) => {
      const v = s(src, ctx);
      if (v === null) return null;
      return valuesOf(v, "SingleAppRoleAssignment", "appRoleAssignments")[0] ?? null;
    };
  },
});

function allRoles(
  name: string,
  engines: FunctionSpec["engines"],
  keySource: "graph-schema" | "inferred",
  description: string,
) {
  return defineFunction({
    name,
    params: [param("source", "appRoleAssignments", { keySource, type: "MultiValued" })],
    returns: "MultiValued",
    engines,
    description,
    compile: ([source]) => {
      const s = arg(source);
      return (src, ctx) => {
        const v = s(src, ctx);
        return v === null ? null : valuesOf(v, name, "appRoleAssignments").slice();
      };
    },
  });
}

export const AppRoleAssignments = allRoles(
  "AppRoleAssignments",
  ["graph-schema"],
  "graph-schema",
  "All of the user's app roles (listed only in Graph's function schema).",
);
export const AppRoleAssignmentsComplex = allRoles(
  "AppRoleAssignmentsComplex",
  ["provisioning"],
  "inferred",
  "All of the user's app roles as complex SCIM roles, sent with PATCH add (the evaluator returns the role names).",
);
export const AssertiveAppRoleAssignmentsComplex = allRoles(
  "AssertiveAppRoleAssignmentsComplex",
  ["provisioning"],
  "inferred",
  "All of the user's app roles as complex SCIM roles, sent with PATCH replace (the evaluator returns the role names).",
);

export const AltSecIdFromNetId = defineFunction({
  name: "AltSecIdFromNetId",
  params: [param("source", "netId", { keySource: "graph-tree" })],
  returns: "Any",
  engines: ["cross-tenant-sync"],
  description:
    "Internal to cross-tenant synchronization: the fixed matching mapping to alternativeSecurityIds. Its value is computed by the service only.",
  compile: () => () => {
    throw new ExpressionEvaluationError(
      "notEvaluable",
      "the alternative security id is computed inside the cross-tenant synchronization service and cannot be previewed",
      "AltSecIdFromNetId",
    );
  },
});

export const DefaultDomain = defineFunction({
  name: "DefaultDomain",
  params: [],
  returns: "String",
  engines: ["graph-schema"],
  usesContext: true,
  description:
    "The tenant's default domain (listed only in Graph's function schema); give it as the defaultDomain option.",
  compile: () => (_src, ctx) => {
    const domain = ctx.options.defaultDomain;
    if (domain === undefined) {
      throw new ExpressionEvaluationError(
        "notEvaluable",
        "the tenant's default domain is not known; pass it as the defaultDomain evaluation option",
        "DefaultDomain",
      );
    }
    return domain;
  },
});

export const MULTIVALUE_FUNCTIONS: readonly FunctionSpec[] = [
  Count,
  Item,
  RemoveDuplicates,
  SingleAppRoleAssignment,
  AppRoleAssignments,
  AppRoleAssignmentsComplex,
  AssertiveAppRoleAssignmentsComplex,
  AltSecIdFromNetId,
  DefaultDomain,
];
