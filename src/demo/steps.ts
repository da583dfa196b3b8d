/**
 * The Pulumi CLI invocations of the demo, in order. Every flag is a documented one (the tests
 * check each against Pulumi's CLI reference); `--non-interactive` everywhere so nothing prompts.
 */
export const STACK = "demo";

export interface DemoTenants {
  sourceTenantId: string;
  targetTenantId: string;
  pilotGroupId: string;
}

const quiet = ["--non-interactive"];
const onStack = ["--stack", STACK, ...quiet];

export const pulumiSteps = {
  login: (backendUrl: string) => ["login", backendUrl, ...quiet],
  stackInit: () => ["stack", "init", STACK, ...quiet],
  configSet: (key: string, value: string) => ["config", "set", key, value, ...onStack],
  up: () => ["up", "--yes", "--skip-preview", ...onStack],
  previewRefresh: () => ["preview", "--refresh", "--json", ...onStack],
  previewWithPolicies: (packDir: string) => ["preview", "--policy-pack", packDir, ...onStack],
  destroy: () => ["destroy", "--yes", "--skip-preview", ...onStack],
  stackRm: () => ["stack", "rm", STACK, "--yes", ...quiet],
};

/** The portal change the demo makes, and what the refresh preview must show: exactly this. */
export const EXPECTED_DRIFT = {
  resource: "fabrikam-accepts-contoso",
  property: "automaticUserConsentInbound",
};

/** "CTS Pilot" in the emulator's default world (decisions/0009). */
export const PILOT_GROUP_ID = "9e8762f3-ebd6-5a0f-9c87-5d1ec8684494";
