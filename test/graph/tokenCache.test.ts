import { clearTokenCache, createCredential } from "../../src/graph/credentials";
import { credentialSpecFor, resolveSettings } from "../../src/graph/settings";
import { withEmulator } from "../harness/emulator";

/**
 * One token request per tenant and credential for a whole run, however many reads start at once
 * (single flight), and discovery at most once per authority.
 */
const emulator = withEmulator();
const SCOPE = "https://graph.microsoft.com/.default";

function settingsFor(secret?: string) {
  const tenants = Object.fromEntries(
    emulator.settings.tenants.map((t) => [
      t.tenantId,
      { clientId: t.clientId, clientSecret: secret ?? t.clientSecret },
    ]),
  );
  const config: Record<string, string> = {
    "entra-cts:graphUrl": emulator.settings.graphUrl,
    "entra-cts:authorityHost": emulator.settings.authorityHost,
    "entra-cts:caFile": emulator.settings.caCertPath,
    "entra-cts:tenants": JSON.stringify(tenants),
  };
  return resolveSettings((key) => config[key], {});
}

function credentialFor(tenantId: string, secret?: string) {
  const settings = settingsFor(secret);
  return createCredential(tenantId, credentialSpecFor(settings, tenantId), settings).credential;
}

function countOf(kind: string, tenantId: string): number {
  return emulator.emulator.requestLog
    .list()
    .filter((entry) => entry.kind === kind && entry.tenantId === tenantId).length;
}

beforeEach(() => {
  clearTokenCache();
  emulator.emulator.requestLog.clear();
});

test("twenty concurrent first calls, over two credentials of one tenant, make one token request", async () => {
  const source = emulator.tenant("source").tenantId;
  const first = credentialFor(source);
  const second = credentialFor(source);
  const tokens = await Promise.all(
    Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).getToken(SCOPE)),
  );
  expect(new Set(tokens.map((t) => t?.token)).size).toBe(1);
  expect(countOf("token", source)).toBe(1);
  expect(countOf("discovery", source)).toBeLessThanOrEqual(1);
  await credentialFor(source).getToken(SCOPE);
  expect(countOf("token", source)).toBe(1);
});

test("each tenant gets its own token", async () => {
  const [source, target] = ["source", "target"].map((r) => emulator.tenant(r).tenantId);
  await Promise.all([source, target, source, target].map((t) => credentialFor(t).getToken(SCOPE)));
  expect(countOf("token", source)).toBe(1);
  expect(countOf("token", target)).toBe(1);
});

test("a failed request is not cached: the next call asks again", async () => {
  const source = emulator.tenant("source").tenantId;
  await expect(credentialFor(source, "wrong-secret").getToken(SCOPE)).rejects.toThrow();
  clearTokenCache(); // what configure does when the stack config changes
  const token = await credentialFor(source).getToken(SCOPE);
  expect(token?.token).toBeTruthy();
});
