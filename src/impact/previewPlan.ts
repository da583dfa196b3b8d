/**
 * Reads the plan of a stack as `pulumi preview --json` prints it: `steps`, each with `op`, `urn`
 * and the resource's `oldState` / `newState` (`type`, `inputs`, `outputs`). Only this package's
 * resources that change who is provisioned, and how, are kept: AttributeMapping (mappings and
 * scoping filters), SyncConfiguration (scope, deletion threshold) and Assignment. Everything
 * else is listed as ignored, so a reader sees what the report did not look at.
 */
import { TYPE_TOKENS } from "../resources/typeTokens";

/** What Pulumi writes for a value a preview cannot know yet (sdk plugin.UnknownStringValue). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type ImpactResourceKind = "AttributeMapping" | "SyncConfiguration" | "Assignment";

const KINDS: ReadonlyMap<string, ImpactResourceKind> = new Map([
  [TYPE_TOKENS.AttributeMapping, "AttributeMapping"],
  [TYPE_TOKENS.SyncConfiguration, "SyncConfiguration"],
  [TYPE_TOKENS.Assignment, "Assignment"],
]);

export type StepOp = "create" | "update" | "delete" | "replace" | "same" | "other";

/** One of our resources in the plan, with the inputs before and after the change. */
export interface ResourceChange {
  kind: ImpactResourceKind;
  urn: string;
  op: StepOp;
  /** Inputs (with outputs for ids) before the change; undefined for a create. */
  before?: Record<string, unknown>;
  /** Inputs after the change; undefined for a delete. */
  after?: Record<string, unknown>;
}

export interface IgnoredResource {
  urn: string;
  type: string;
  why: string;
}

export interface PreviewPlan {
  changes: ResourceChange[];
  ignored: IgnoredResource[];
}

/** A plan the report cannot read at all (bad JSON, wrong shape). */
export class PlanInputError extends Error {
  override readonly name = "PlanInputError";
}

interface PreviewState {
  type?: unknown;
  inputs?: unknown;
  outputs?: unknown;
}

interface PreviewStep {
  op?: unknown;
  urn?: unknown;
  oldState?: PreviewState;
  newState?: PreviewState;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The type segment of a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  const qualified = parts.length >= 4 ? parts[2] : "";
  return qualified.split("$").pop() ?? "";
}

function stepOp(op: unknown): StepOp {
  switch (op) {
    case "create":
    case "update":
    case "delete":
    case "same":
      return op;
    // A replacement is a delete and a create of the same resource: the report sees the change.
    case "replace":
    case "create-replacement":
    case "delete-replaced":
      return "replace";
    default:
      return "other";
  }
}

/** Inputs with the ids Pulumi only has as outputs (servicePrincipalId of a SyncConfiguration). */
function stateValues(state: PreviewState | undefined): Record<string, unknown> | undefined {
  if (!state) return undefined;
  const outputs = isObject(state.outputs) ? state.outputs : {};
  const inputs = isObject(state.inputs) ? state.inputs : {};
  return { ...outputs, ...inputs };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PlanInputError(
      `Failed to read the plan from ${source}: it is not JSON (${(error as Error).message}). ` +
        "Pass the output of `pulumi preview --json`, e.g. `pulumi preview --json | entra-cts impact`.",
    );
  }
}

/** Parses the text of `pulumi preview --json`; throws PlanInputError naming what is wrong. */
export function parsePreviewPlan(text: string, source = "standard input"): PreviewPlan {
  const document = parseJson(text, source);
  if (!isObject(document) || !Array.isArray(document.steps)) {
    throw new PlanInputError(
      `Failed to read the plan from ${source}: it has no \`steps\` array. ` +
        "Pass the output of `pulumi preview --json` (not `pulumi stack export`).",
    );
  }
  const changes: ResourceChange[] = [];
  const ignored: IgnoredResource[] = [];
  const seen = new Map<string, ResourceChange>();
  for (const raw of document.steps as unknown[]) {
    if (!isObject(raw)) continue;
    const step = raw as PreviewStep;
    const urn = typeof step.urn === "string" ? step.urn : "";
    const type =
      (typeof step.newState?.type === "string" && step.newState.type) ||
      (typeof step.oldState?.type === "string" && step.oldState.type) ||
      typeOfUrn(urn);
    const kind = KINDS.get(type);
    if (!kind) {
      if (type !== "pulumi:pulumi:Stack" && !type.startsWith("pulumi:providers:")) {
        const why = type.startsWith("pulumi-nodejs:dynamic/entra-cts:")
          ? "does not change who is provisioned"
          : "not a resource of this package";
        if (!ignored.some((entry) => entry.urn === urn)) ignored.push({ urn, type, why });
      }
      continue;
    }
    const op = stepOp(step.op);
    if (op === "other") continue;
    // A replacement arrives as two steps for one URN: keep one change with both sides.
    const existing = seen.get(urn);
    const before = op === "create" ? undefined : stateValues(step.oldState);
    const after = op === "delete" ? undefined : stateValues(step.newState);
    if (existing) {
      existing.before ??= before;
      existing.after ??= after;
      existing.op = "replace";
      continue;
    }
    const change: ResourceChange = { kind, urn, op, before, after };
    seen.set(urn, change);
    changes.push(change);
  }
  return { changes, ignored };
}

/** Paths (`mappings[2].expression`) of values the preview does not know yet. */
export function unknownPaths(value: unknown, path = ""): string[] {
  if (value === UNKNOWN_VALUE) return [path || "(value)"];
  if (Array.isArray(value))
    return value.flatMap((item, index) => unknownPaths(item, `${path}[${index}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, item]) =>
      unknownPaths(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}
