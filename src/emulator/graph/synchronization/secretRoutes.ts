/**
 * PUT/GET .../synchronization/secrets (decisions/reference/graph-cts.md §5.2): PUT merges by key and "" removes a
 * key; GET masks credentials (decisions/0018).
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRoute } from "../../http/route";
import { SYNC_READ_PERMISSIONS, SYNC_WRITE_PERMISSIONS } from "./permissions";
import {
  isSynchronizationSecretKey,
  maskedValue,
  type SynchronizationSecretKey,
} from "./secretKeys";
import { secretValueProblem } from "./secretValues";
import { objectBody, resolveSynchronization, synchronizationContext } from "./servicePrincipalSync";

const secrets = "/servicePrincipals/:id/synchronization/secrets";
const ACTION = "save synchronization secrets";

interface SecretPair {
  key: SynchronizationSecretKey;
  value: string;
}

const invalid = (reason: string, remedy: string) =>
  GraphError.badRequest(`Failed to ${ACTION}: ${reason}. ${remedy}`);

/** Validates the whole body before anything is saved, so a bad PUT changes nothing. */
function secretPairs(body: Record<string, unknown>): SecretPair[] {
  const value = body.value;
  if (!Array.isArray(value)) {
    throw invalid(
      "the body must carry the secrets in a 'value' array",
      'Send {"value": [{"key": "CompanyId", "value": "<target tenant id>"}, ...]}',
    );
  }
  return value.map((entry, index) => {
    const pair = (entry ?? {}) as Record<string, unknown>;
    if (typeof pair.key !== "string" || typeof pair.value !== "string") {
      throw invalid(
        `value[${index}] must be {"key": string, "value": string}`,
        'Send every value as a string (booleans as "true"/"false")',
      );
    }
    if (!isSynchronizationSecretKey(pair.key)) {
      throw invalid(
        `'${pair.key}' is not a synchronizationSecret key`,
        "Use a key of the synchronizationSecret enum, e.g. CompanyId, AuthenticationType, SyncAll, SyncNotificationSettings",
      );
    }
    const problem = pair.value === "" ? undefined : secretValueProblem(pair.key, pair.value);
    if (problem) throw invalid(problem, "Correct the value and send the PUT again");
    return { key: pair.key, value: pair.value };
  });
}

export const secretRoutes: readonly GraphRoute[] = [
  route("PUT", secrets, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    for (const { key, value } of secretPairs(objectBody(ctx, ACTION))) {
      if (value === "") delete sync.secrets[key];
      else sync.secrets[key] = value;
    }
    return { status: 204 };
  }),

  route("GET", secrets, SYNC_READ_PERMISSIONS, (ctx) => {
    const { sp, sync } = resolveSynchronization(ctx, "read");
    const value = Object.entries(sync.secrets)
      .filter((entry): entry is [SynchronizationSecretKey, string] =>
        isSynchronizationSecretKey(entry[0]),
      )
      .map(([key, saved]) => ({ key, value: maskedValue(key, saved) }));
    return {
      status: 200,
      body: { "@odata.context": synchronizationContext(ctx, sp, "secrets"), value },
    };
  }),
];
