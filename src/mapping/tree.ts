/**
 * Bound syntax tree to Graph's `attributeMappingSource` tree, with Graph's parameter keys and the
 * canonical `expression` on every node. Omitted arguments are left out of `parameters`.
 */
import { callText, isIntegerConstant, quoteString } from "./format";
import { paramForSlot } from "./functions/spec";
import type { AttributeMappingParameter, AttributeMappingSource } from "./types";
import type { BoundNode } from "./validate";

/** The text of a canonical child in argument position (its `expression` is already canonical). */
function argumentText(child: AttributeMappingSource): string {
  return child.type === "Constant" &&
    child.expression !== child.name &&
    isIntegerConstant(child.name)
    ? child.name
    : child.expression;
}

/** Builds the Graph tree of a bound expression. */
export function toTree(node: BoundNode): AttributeMappingSource {
  switch (node.kind) {
    case "attribute":
      return { expression: `[${node.name}]`, name: node.name, parameters: [], type: "Attribute" };
    case "constant":
      return {
        expression: quoteString(node.value),
        name: node.value,
        parameters: [],
        type: "Constant",
      };
    case "keyword":
      return { expression: node.name, name: node.name, parameters: [], type: "Constant" };
    case "comparison": {
      const left = toTree(node.left);
      const right = toTree(node.right);
      return {
        expression: `${argumentText(left)} ${node.operator} ${argumentText(right)}`,
        name: node.operator,
        parameters: [
          { key: "left", value: left },
          { key: "right", value: right },
        ],
        type: "Function",
      };
    }
    case "call": {
      const parameters: AttributeMappingParameter[] = [];
      const slots: string[] = [];
      node.args.forEach((arg, slot) => {
        if (arg === undefined) {
          slots.push("");
          return;
        }
        const value = toTree(arg);
        parameters.push({ key: paramForSlot(node.spec, slot)?.key as string, value });
        slots.push(argumentText(value));
      });
      // Fixed-arity functions show every declared slot, as Graph does.
      if (Number.isFinite(node.spec.maxArgs)) {
        while (slots.length < node.spec.params.length) slots.push("");
      }
      return {
        expression: callText(node.spec.name, slots),
        name: node.spec.name,
        parameters,
        type: "Function",
      };
    }
  }
}
