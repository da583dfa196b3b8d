/**
 * pulumi-entra-cts: Microsoft Entra ID cross-tenant synchronization as code.
 * Every public name is exported here. The emulator is a separate entry point
 * (`pulumi-entra-cts/emulator`), so programs do not load it.
 */
export * from "./resources";
export {
  parseExpression,
  formatExpression,
  normalizeExpression,
  expressionsEquivalent,
  evaluateExpression,
  compileExpression,
  listExpressionFunctions,
  ExpressionParseError,
  ExpressionEvaluationError,
} from "./mapping";
export type {
  AttributeMappingSource,
  AttributeMappingParameter,
  EvaluationResult,
  EvaluateOptions,
  SourcePosition,
} from "./mapping";
export { GraphRequestError, isGraphRequestError } from "./graph/errors";
export { SyncTopology, hubAndSpoke, mesh } from "./components/syncTopology";
export type { SyncTopologyArgs, SyncPairArgs } from "./components/syncTopology";
