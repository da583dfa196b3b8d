import * as pulumi from "@pulumi/pulumi";
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/fixtureIds";
import type { StateEntry } from "../harness/engine";
import { createPartnerPair } from "../harness/pair";
import { withProviderStack } from "../harness/providerStack";

/**
 * No credential, token or secret may reach state: not in `__provider` as a program serializes
 * it, not in inputs or outputs, not in errors or the provider's logs.
 */
describe("state hygiene", () => {
  describe("the serialized provider", () => {
    const registered: Array<{ type: string; inputs: Record<string, unknown> }> = [];

    beforeAll(async () => {
      // A secret in the program's environment and config must not be captured either.
      process.env.AZURE_CLIENT_SECRET = "program-side-secret-value";
      pulumi.runtime.setMocks(
        {
          newResource: (args) => {
            registered.push({ type: args.type, inputs: args.inputs });
            const computed = args.type.endsWith(":SyncConfiguration")
              ? { servicePrincipalId: "sp-from-create" }
              : {};
            return { id: `${args.name}-id`, state: { ...args.inputs, ...computed } };
          },
          call: () => ({}),
        },
        "entra-cts-tests",
        "test",
        false,
      );
      pulumi.runtime.setAllConfig({ "entra-cts:clientSecret": "config-secret-value" }, [
        "entra-cts:clientSecret",
      ]);
      const cts = await import("../../src");
      const source = "2f7e4b1a-8c3d-4e5f-9a6b-1c2d3e4f5a60";
      const target = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";
      new cts.PartnerPolicy("source-side", {
        tenantId: source,
        partnerTenantId: target,
        automaticUserConsentOutbound: true,
      });
      const config = new cts.SyncConfiguration("config", {
        sourceTenantId: source,
        targetTenantId: target,
        displayName: "Fabrikam",
      });
      new cts.SyncJob("job", { tenantId: source, servicePrincipalId: config.servicePrincipalId });
      new cts.Assignment("pilot", {
        tenantId: source,
        servicePrincipalId: config.servicePrincipalId,
        principalId: CONTOSO_GROUPS.pilot,
        principalType: "Group",
      });
      // Registration is asynchronous (each provider is serialized first): wait for all four.
      for (let waited = 0; registered.length < 4 && waited < 50_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }, 60_000);

    afterAll(() => {
      delete process.env.AZURE_CLIENT_SECRET;
    });

    it("registers each resource under its own type token", () => {
      expect(registered.map((r) => r.type)).toEqual(
        expect.arrayContaining([
          "pulumi-nodejs:dynamic/entra-cts:PartnerPolicy",
          "pulumi-nodejs:dynamic/entra-cts:SyncConfiguration",
          "pulumi-nodejs:dynamic/entra-cts:SyncJob",
          "pulumi-nodejs:dynamic/entra-cts:Assignment",
        ]),
      );
    });

    it("passes a configuration's outputs on to the resources built from them", () => {
      const job = registered.find((r) => r.type.endsWith(":SyncJob"));
      expect(job?.inputs.servicePrincipalId).toBe("sp-from-create");
    });

    it("is small, requires the installed package, and holds no secret", () => {
      for (const { type, inputs } of registered) {
        const provider = inputs.__provider as string;
        expect(typeof provider).toBe("string");
        expect(provider).toContain("require(moduleId)");
        expect(provider).toContain("pulumi-entra-cts/provider");
        expect(provider).not.toMatch(
          /program-side-secret-value|config-secret-value|clientSecret|eyJ/,
        );
        // The goal is at most 16 KB; print the size so it is visible in CI logs.
        process.stdout.write(`__provider of ${type}: ${Buffer.byteLength(provider)} bytes\n`);
        expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(16 * 1024);
      }
    });
  });

  describe("a pair through the provider host", () => {
    const stack = withProviderStack();

    it("puts no secret or token in inputs, outputs, errors or provider logs", async () => {
      const secrets = stack.emulator.settings.tenants.map((t) => t.clientSecret);
      const entries: StateEntry[] = [];
      const pair = await createPartnerPair(stack.engine, stack.source, stack.target);
      entries.push(pair.sourceSide, pair.targetSide);
      const config = await stack.engine.create("SyncConfiguration", "config", {
        sourceTenantId: stack.source,
        targetTenantId: stack.target,
        displayName: "Fabrikam",
      });
      entries.push(config);
      entries.push(
        await stack.engine.create("SyncJob", "job", {
          tenantId: stack.source,
          servicePrincipalId: config.outputs.servicePrincipalId,
        }),
      );
      const refreshed = await Promise.all(entries.map((entry) => stack.engine.refresh(entry)));
      const errors: string[] = [];
      await stack.engine
        .create("SyncConfiguration", "again", {
          sourceTenantId: stack.source,
          targetTenantId: "00000000-0000-0000-0000-000000000001",
          displayName: "x",
        })
        .catch((error: Error) => errors.push(error.message));
      expect(errors).toHaveLength(1);
      const everything = JSON.stringify({ entries, refreshed, errors, logs: stack.host.stderr });
      for (const secret of secrets) expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    });
  });
});
