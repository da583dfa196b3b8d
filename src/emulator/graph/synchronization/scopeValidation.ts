/**
 * Checks an object mapping's `scope` (decisions/reference/graph-cts.md §5.7 `filter`): every clause of `groups`,
 * `inputFilterGroups` and `categoryFilterGroups` uses a known operator on a source attribute.
 */
import { FILTER_OPERATOR_NAMES } from "./filterOperators";
import { isObject, listOf, schemaInvalid } from "./schemaInvalid";

const FILTER_KINDS = ["groups", "inputFilterGroups", "categoryFilterGroups"];

export function validateScope(scope: unknown, sourceAttributes: Set<string>, where: string): void {
  if (scope === null || scope === undefined) return;
  if (!isObject(scope)) {
    throw schemaInvalid(
      `${where} scope must be a filter object or null`,
      "Send {groups, inputFilterGroups, categoryFilterGroups}",
    );
  }
  for (const kind of FILTER_KINDS) {
    for (const group of listOf(scope[kind], `${where} scope.${kind}`)) {
      const at = `${where}, scoping filter '${String(group.name)}'`;
      for (const clause of listOf(group.clauses, `${at} clauses`)) {
        if (!FILTER_OPERATOR_NAMES.has(String(clause.operatorName))) {
          throw schemaInvalid(
            `${at} uses operator '${String(clause.operatorName)}'`,
            "GET .../schema/filterOperators lists the operators",
          );
        }
        if (!sourceAttributes.has(String(clause.sourceOperandName))) {
          throw schemaInvalid(
            `${at} filters on '${String(clause.sourceOperandName)}', which the source object does not define`,
            "Filter on a source attribute",
          );
        }
        const operand = clause.targetOperand;
        if (operand != null && !(isObject(operand) && Array.isArray(operand.values))) {
          throw schemaInvalid(
            `${at} targetOperand must be {"values": [...]}`,
            "Send the values as an array of strings",
          );
        }
      }
    }
  }
}
