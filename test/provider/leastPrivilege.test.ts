/**
 * The provider's whole lifecycle with each tenant's least-privileged caller of the default world
 * (decisions/0095): partners, configuration, job, mappings, assignment, refresh and destroy work
 * with only those permissions, and the emulator answers 403 to anything more.
 */
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/defaultWorld";
import {
  SOURCE_LEAST_PRIVILEGE_ROLES,
  TARGET_LEAST_PRIVILEGE_ROLES,
} from "../../src/emulator/fixtures/callers";
import { settingsAsEnv } from "../../src/emulator";
import { createPartnerPair } from "../harness/pair";
import { withProviderStack } from "../harness/providerStack";

const stack = withProviderStack({ caller: "leastPrivilege" });

it("prints each tenant's least-privileged caller with the settings", () => {
  const [source, target] = stack.emulator.settings.tenants;
  expect(source.leastPrivilege?.roles).toEqual([...SOURCE_LEAST_PRIVILEGE_ROLES]);
  expect(target.leastPrivilege?.roles).toEqual([...TARGET_LEAST_PRIVILEGE_ROLES]);
  const env = settingsAsEnv(stack.emulator.settings);
  expect(env.ENTRA_CTS_SOURCE_LEAST_PRIVILEGE_CLIENT_ID).toBe(source.leastPrivilege?.clientId);
  expect(env.ENTRA_CTS_TARGET_LEAST_PRIVILEGE_CLIENT_SECRET).toBe(
    target.leastPrivilege?.clientSecret,
  );
});

it("creates, refreshes and destroys a whole pair with only those permissions", async () => {
  const partners = await createPartnerPair(stack.engine, stack.source, stack.target);
  const config = await stack.engine.create("SyncConfiguration", "config", {
    sourceTenantId: stack.source,
    targetTenantId: stack.target,
    displayName: "Fabrikam",
  });
  const sp = config.outputs.servicePrincipalId as string;
  const job = await stack.engine.create("SyncJob", "job", {
    tenantId: stack.source,
    servicePrincipalId: sp,
  });
  const jobId = job.outputs.jobId as string;
  const mapping = await stack.engine.create("AttributeMapping", "mapping", {
    tenantId: stack.source,
    servicePrincipalId: sp,
    jobId,
    mappings: [{ targetAttribute: "companyName", constant: "Contoso" }],
  });
  const assignment = await stack.engine.create("Assignment", "pilot", {
    tenantId: stack.source,
    servicePrincipalId: sp,
    principalId: CONTOSO_GROUPS.pilot,
    principalType: "Group",
  });
  for (const entry of [job, mapping, assignment]) {
    expect(await stack.engine.refresh(entry)).toBeDefined();
  }
  await stack.engine.delete(assignment);
  await stack.engine.delete(mapping);
  await stack.engine.delete(job);
  await stack.engine.delete(config);
  await stack.engine.delete(partners.sourceSide);
  await stack.engine.delete(partners.targetSide);
  const world = stack.emulator.emulator.world;
  expect(world.tenants[0].applications.filter((app) => app.displayName === "Fabrikam")).toEqual([]);
  expect(world.tenants.map((t) => t.crossTenantAccessPolicy.partners)).toEqual([[], []]);
});

it("is refused what it was not granted", async () => {
  const leastSource = stack.emulator.settings.tenants[0].leastPrivilege!;
  const reply = await stack.emulator.request("POST", `/${stack.source}/oauth2/v2.0/token`, {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: leastSource.clientId,
      client_secret: leastSource.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    }).toString(),
  });
  const users = await stack.emulator.request("GET", "/v1.0/users", {
    headers: { authorization: `Bearer ${reply.body.access_token}` },
  });
  expect(users.status).toBe(403);
  expect(users.body.error.code).toBe("Authorization_RequestDenied");
});
