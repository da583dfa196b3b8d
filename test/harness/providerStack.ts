import type { EmulatorOptions } from "../../src/emulator";
import { withEmulator, type EmulatorHarness } from "./emulator";
import { Engine } from "./engine";
import { ProviderHost } from "./providerHost";

export interface ProviderStack {
  readonly emulator: EmulatorHarness;
  readonly engine: Engine;
  readonly host: ProviderHost;
  readonly source: string;
  readonly target: string;
  /** The stack config the host was configured with (contains the emulator's secrets). */
  readonly config: Record<string, string>;
}

/** Environment variables that would make the host pick a credential other than the config's. */
const CREDENTIAL_ENV = /^(AZURE_|ARM_|ACTIONS_ID_TOKEN_|ENTRA_CTS_)/;

/**
 * One emulator and one provider host per test file, the host configured the way `pulumi up`
 * configures it: stack config under `entra-cts:` with one app per tenant.
 */
export function withProviderStack(
  options: EmulatorOptions & {
    extraConfig?: Record<string, string>;
    /** "leastPrivilege": each tenant's least-privileged caller instead of its primary one. */
    caller?: "primary" | "leastPrivilege";
  } = {},
): ProviderStack {
  const emulator = withEmulator(options);
  let host: ProviderHost | undefined;
  let engine: Engine | undefined;
  let config: Record<string, string> = {};

  beforeAll(async () => {
    const tenants = Object.fromEntries(
      emulator.settings.tenants.map((t) => {
        const caller = options.caller === "leastPrivilege" ? t.leastPrivilege : t;
        if (!caller) throw new Error(`withProviderStack: ${t.displayName} has no such caller`);
        return [t.tenantId, { clientId: caller.clientId, clientSecret: caller.clientSecret }];
      }),
    );
    config = {
      "entra-cts:graphUrl": emulator.settings.graphUrl,
      "entra-cts:authorityHost": emulator.settings.authorityHost,
      "entra-cts:caFile": emulator.settings.caCertPath,
      "entra-cts:tenants": JSON.stringify(tenants),
      "entra-cts:operationTimeoutSeconds": "20",
      ...options.extraConfig,
    };
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !CREDENTIAL_ENV.test(key)),
    );
    host = await ProviderHost.start({ config, env: { ...env } });
    engine = new Engine(host);
  }, 30_000);
  afterAll(async () => {
    await host?.stop();
  });

  const need = <T>(value: T | undefined): T => {
    if (!value) throw new Error("withProviderStack: use it inside tests");
    return value;
  };
  return {
    emulator,
    get engine() {
      return need(engine);
    },
    get host() {
      return need(host);
    },
    get source() {
      return emulator.tenant("source").tenantId;
    },
    get target() {
      return emulator.tenant("target").tenantId;
    },
    get config() {
      return config;
    },
  };
}
