/**
 * Reads `pulumi preview --json`: its `steps` list one entry per resource with `op`, `urn`,
 * `oldState`/`newState` and, when the provider names them, `diffReasons` (the changed top-level
 * properties) and `detailedDiff`. A dynamic provider answers only "some change" without naming
 * keys, so then the changed properties are found the way our provider's diff finds them: each
 * declared input against the (refreshed) old outputs (decisions/0042, decisions/0071).
 */
import { isDeepStrictEqual } from "node:util";

export interface PropertyChange {
  /** The resource's name (the last part of its URN). */
  resource: string;
  op: string;
  property: string;
}

interface ResourceState {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

interface PreviewStep {
  op?: string;
  urn?: string;
  diffReasons?: string[];
  detailedDiff?: Record<string, unknown>;
  oldState?: ResourceState;
  newState?: ResourceState;
}

/** Ops that change nothing in the cloud. */
const QUIET_OPS = new Set(["same", "refresh", "read"]);

function declaredChanges(step: PreviewStep): string[] {
  const olds = step.oldState?.outputs ?? {};
  const news = step.newState?.inputs ?? {};
  return Object.keys(news).filter(
    (key) => key !== "__provider" && !isDeepStrictEqual(olds[key], news[key]),
  );
}

export function changesInPreview(json: string): PropertyChange[] {
  let digest: { steps?: PreviewStep[] };
  try {
    digest = JSON.parse(json) as { steps?: PreviewStep[] };
  } catch {
    throw new Error("Failed to read `pulumi preview --json`: its output is not JSON.");
  }
  const changes: PropertyChange[] = [];
  for (const step of digest.steps ?? []) {
    if (!step.op || QUIET_OPS.has(step.op)) continue;
    const resource = (step.urn ?? "").split("::").pop() ?? "";
    const named = step.diffReasons?.length
      ? step.diffReasons
      : Object.keys(step.detailedDiff ?? {});
    const properties = named.length || step.op !== "update" ? named : declaredChanges(step);
    if (properties.length === 0) changes.push({ resource, op: step.op, property: "" });
    for (const property of properties) changes.push({ resource, op: step.op, property });
  }
  return changes;
}
