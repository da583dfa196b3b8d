/**
 * The pack as `pulumi preview --policy-pack ./policies` runs it: Pulumi's own analyzer host
 * (started once for this file) over gRPC, fed the resources a real program registers under the
 * runtime mocks. Previews send unknown values as the engine does.
 */
import * as path from "node:path";
import { AnalyzerHost, type Diagnostic, type PolicyPackConfig } from "../harness/analyzer";
import { ALICE } from "./baseline";
import { ctsProgram, type CtsProgramOptions } from "./ctsProgram";
import { forAnalyze, forAnalyzeStack, runMockedProgram } from "./mockedProgram";
import { UNKNOWN_VALUE } from "./policyArgs";

const repoRoot = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.join(repoRoot, "policies");

let host: AnalyzerHost;

beforeAll(async () => {
  host = await AnalyzerHost.start(PACK_DIR);
}, 120_000);

afterAll(async () => {
  await host?.stop();
});

/** A resource name from its URN, to keep expectations readable. */
const nameOf = (urn: string) => urn.split("::").pop();

/** Every diagnostic of a preview (or update) of the program: Analyze per resource, then AnalyzeStack. */
async function review(
  options: CtsProgramOptions,
  { preview = true, config = {} }: { preview?: boolean; config?: PolicyPackConfig } = {},
): Promise<Array<Pick<Diagnostic, "policyName" | "enforcementLevel"> & { resource?: string }>> {
  await host.configure(config);
  const registered = await runMockedProgram(() => ctsProgram(options), { preview });
  const diagnostics: Diagnostic[] = [];
  for (const resource of registered)
    diagnostics.push(...(await host.analyze(forAnalyze(resource))));
  diagnostics.push(...(await host.analyzeStack(registered.map(forAnalyzeStack))));
  return diagnostics.map(({ policyName, enforcementLevel, urn }) => ({
    policyName,
    enforcementLevel,
    resource: nameOf(urn),
  }));
}

describe("the policy pack in Pulumi's analyzer host", () => {
  it("publishes every policy with its enforcement level and config defaults", async () => {
    const info = await host.info();
    expect(info.name).toBe("entra-cts");
    expect(info.version).toBe("0.1.0");
    expect(Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]))).toEqual({
      "cts-automatic-redemption-both-sides": "mandatory",
      "cts-group-based-scope": "mandatory",
      "cts-automatic-redemption-external-pairs": "advisory",
      "cts-accidental-deletion-prevention": "advisory",
      "cts-notification-email": "advisory",
      "cts-user-type": "advisory",
      "cts-attribute-mapping-expressions": "advisory",
      "cts-trust-allowlist": "advisory",
      "cts-job-enabled-with-both-sides": "advisory",
    });
    const deletion = info.policies.find((p) => p.name === "cts-accidental-deletion-prevention");
    expect(deletion?.configSchema.maximumThreshold.default).toBe(500);
  });

  it("passes a compliant pair in a preview, reading unknown ids without giving up", async () => {
    const registered = await runMockedProgram(() => ctsProgram(), { preview: true });
    // The precondition that makes this a preview test: ids from the configuration are unknown.
    const job = registered.find((resource) => resource.name === "hr-to-fabrikam-job");
    expect(job?.inputs.servicePrincipalId).toBe(UNKNOWN_VALUE);
    // No "can't run policy ... during preview" advisories, and nothing else.
    expect(await review({})).toEqual([]);
  });

  it("passes a compliant pair after an update", async () => {
    expect(await review({}, { preview: false })).toEqual([]);
  });

  it("blocks a pair whose target side lacks inbound automatic redemption", async () => {
    expect(await review({ withoutTargetInboundRedemption: true })).toEqual([
      {
        policyName: "cts-automatic-redemption-both-sides",
        enforcementLevel: "mandatory",
        resource: "fabrikam-accepts-hr",
      },
    ]);
  });

  it("blocks a pair that assigns a single user instead of a group, in a preview and after an update", async () => {
    const expected = [
      {
        policyName: "cts-group-based-scope",
        enforcementLevel: "mandatory",
        resource: "hr-to-fabrikam-alice",
      },
      {
        policyName: "cts-group-based-scope",
        enforcementLevel: "mandatory",
        resource: "hr-to-fabrikam",
      },
    ];
    expect(await review({ assignSingleUser: true })).toEqual(expected);
    expect(await review({ assignSingleUser: true }, { preview: false })).toEqual(expected);
  });

  it("explains the fix in the violation message", async () => {
    await host.configure();
    const registered = await runMockedProgram(
      () => ctsProgram({ withoutTargetInboundRedemption: true }),
      {
        preview: true,
      },
    );
    const [diagnostic] = await host.analyzeStack(registered.map(forAnalyzeStack));
    expect(diagnostic.message).toContain(
      "PartnerPolicy 'fabrikam-accepts-hr' (target side: tenant 22222222-2222-4222-8222-222222222222, partner 11111111-1111-4111-8111-111111111111) does not set automaticUserConsentInbound",
    );
    expect(diagnostic.message).toContain("Set automaticUserConsentInbound: true");
  });

  it("parses mapping expressions with the package's parser inside the host", async () => {
    await host.configure();
    const registered = await runMockedProgram(() => ctsProgram({ brokenExpression: true }), {
      preview: true,
    });
    const mapping = registered.find((resource) => resource.name === "hr-to-fabrikam-mappings");
    const diagnostics = await host.analyze(forAnalyze(mapping!));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        policyName: "cts-attribute-mapping-expressions",
        enforcementLevel: "advisory",
        message: expect.stringContaining("does not parse: Expected"),
      }),
    ]);
    expect(diagnostics[0].message).toContain("line 1, column 33");
  });

  it("stays silent about a policy the config disables", async () => {
    const config: PolicyPackConfig = { "cts-group-based-scope": "disabled" };
    expect(await review({ assignSingleUser: true }, { config })).toEqual([]);
  });

  it("passes policy config through to the policy (an allowlisted user)", async () => {
    const config = { "cts-group-based-scope": { allowedUserPrincipalIds: [ALICE] } };
    expect(await review({ assignSingleUser: true }, { config })).toEqual([
      {
        policyName: "cts-group-based-scope",
        enforcementLevel: "mandatory",
        resource: "hr-to-fabrikam",
      },
    ]);
  });

  it("reports an advisory policy as mandatory when the config says so", async () => {
    const advisory = await review({ withoutNotificationEmail: true });
    expect(advisory).toEqual([
      {
        policyName: "cts-notification-email",
        enforcementLevel: "advisory",
        resource: "hr-to-fabrikam",
      },
    ]);
    const config: PolicyPackConfig = {
      "cts-notification-email": { enforcementLevel: "mandatory" },
    };
    expect(await review({ withoutNotificationEmail: true }, { config })).toEqual([
      {
        policyName: "cts-notification-email",
        enforcementLevel: "mandatory",
        resource: "hr-to-fabrikam",
      },
    ]);
  });
});
