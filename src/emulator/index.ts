/**
 * The local emulator of Microsoft Graph (CTS endpoints) and the Entra token authority:
 * `startEmulator()` serves a world over HTTPS on 127.0.0.1 until `stop()`.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { adminRoutes, ADMIN_PATH } from "./admin/adminRoutes";
import { newAdminKey } from "./admin/adminKey";
import { RequestLog } from "./admin/requestLog";
import { authorityRoutes } from "./auth/authorityRoutes";
import { BearerVerifier } from "./auth/bearerVerifier";
import { createClientCertificate, createTlsMaterial } from "./auth/certificates";
import { FakeGitHubIssuer, GITHUB_OIDC_PATH } from "./auth/githubOidc";
import { createSigningKey } from "./auth/signingKey";
import { TokenAuthority } from "./auth/tokenAuthority";
import { defaultWorld } from "./fixtures/defaultWorld";
import { graphRoutes } from "./graph";
import { GraphDispatcher } from "./http/dispatch";
import { GraphFront } from "./http/graphFront";
import type { GraphRoute } from "./http/route";
import { attachHandlers, createEmulatorServer, listen, type ListeningServer } from "./http/server";
import { KnobController } from "./knobs/controller";
import type { KnobSettingsInput } from "./knobs/settings";
import type { CycleReport, ProvisioningPreview } from "./provisioning";
import { emulatorCycles, type CycleSelection } from "./provisioning/emulatorCycles";
import { CLOUDS, type CloudName } from "../graph/clouds";
import { LEAST_PRIVILEGE_CALLER_NAME } from "./fixtures/callers";
import {
  settingsAsEnv,
  type CallerSettings,
  type EmulatorSettings,
  type TenantSettings,
} from "./settings";
import { EmulatedClock } from "./world/emulatedClock";
import { bindRunCredentials } from "./world/runCredentials";
import { WorldStore } from "./world/store";
import type { WorldState } from "./world/types";

export interface EmulatorOptions {
  /**
   * The Microsoft cloud this emulator stands for (default `public`): its authority issues tokens
   * only for that cloud's Graph, and its Graph accepts only those. Start one emulator per cloud
   * to rehearse a cross-cloud stack (decisions/0131).
   */
  cloud?: CloudName;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The world to serve (copied). Default: `fixture()`. */
  world?: WorldState;
  /** Builds the world to serve. Default: the Contoso/Fabrikam default world. */
  fixture?: () => WorldState;
  /** Restores this snapshot at start (after world/fixture); reset() returns to it. */
  snapshotFile?: string;
  /** Fault knobs at start; all off when omitted. */
  knobs?: KnobSettingsInput;
  /** Where the CA file and client certificate go. Default: a new temp dir, removed by stop(). */
  stateDir?: string;
  /**
   * Milliseconds since epoch; tests pass a controllable clock to drive expiry and lag. The
   * emulator reads it plus however far `advanceClock()` or POST /_emulator/clock/advance moved it.
   */
  clock?: () => number;
  /** Graph routes added to the emulator's own (tests register probes here). */
  extraRoutes?: readonly GraphRoute[];
  /** Request-log entries kept (default 10,000; counts are unbounded). */
  requestLogLimit?: number;
  /**
   * Runs a provisioning cycle of every active job every this many milliseconds, on the emulator
   * clock's behalf (the service runs one every 40 minutes). Off when omitted: cycles then run on
   * `runCycle()` or `POST /_emulator/cycles`.
   */
  cycleIntervalMs?: number;
}

export interface RunningEmulator {
  settings: EmulatorSettings;
  /** The live world (handlers mutate it; tests may inspect and seed it). */
  world: WorldState;
  store: WorldStore;
  /** Fault knobs: get/set/patch/reset, throttleNext, failNext. */
  knobs: KnobController;
  requestLog: RequestLog;
  /** An ID token of the emulator's GitHub issuer (audience api://AzureADTokenExchange by default). */
  mintGitHubToken(subject: string, audience?: string): Promise<string>;
  saveSnapshot(file: string): Promise<void>;
  loadSnapshot(file: string): Promise<void>;
  /**
   * Runs a provisioning cycle now: of the named configuration (servicePrincipalId, optionally
   * tenantId/jobId), else of every active job (optionally of one tenant). Answers one report per job.
   */
  runCycle(selection?: CycleSelection): CycleReport[];
  /** What the next cycle of a configuration's job would put in the target tenant, without doing it. */
  previewCycle(selector: CycleSelection & { servicePrincipalId: string }): ProvisioningPreview;
  /**
   * Moves the emulated clock forward (tokens expire, lag ends, schedules come due) and runs the
   * cycle of every active job whose 40-minute schedule is then due; answers those reports.
   */
  advanceClock(seconds: number): CycleReport[];
  /** World back to its start state, knobs back to their start settings, log cleared. */
  reset(): void;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = new EmulatedClock(options.clock ?? Date.now);
  const now = clock.now;
  const cloud = options.cloud ?? "public";
  // The Graph resource tokens are for: the cloud's scope without "/.default".
  const graphAudience = CLOUDS[cloud].graphScope.replace(/\/\.default$/, "");
  const ownStateDir = options.stateDir === undefined;
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), "entra-cts-emulator-")));
  await mkdir(stateDir, { recursive: true });
  let listening: ListeningServer | undefined;
  let stopCycles = () => {};
  try {
    // Key generation is the slow part of start-up (~1 s); run it in parallel.
    const [tls, clientCertificate, tokenKey, githubKey] = await Promise.all([
      createTlsMaterial(stateDir),
      createClientCertificate(stateDir, "caller"),
      createSigningKey(),
      createSigningKey(),
    ]);
    const server = createEmulatorServer(tls);
    listening = await listen(server, options.port ?? 0);
    const { origin } = listening;
    const closeServer = listening.close;
    const github = new FakeGitHubIssuer(`${origin}${GITHUB_OIDC_PATH}`, githubKey, now);

    const store = new WorldStore(options.world ?? (options.fixture ?? defaultWorld)(), {
      now,
      bind: (world) =>
        bindRunCredentials(world, {
          githubIssuer: github.issuer,
          clientCertificatePem: clientCertificate.certificatePem,
        }),
    });
    if (options.snapshotFile) {
      await store.loadSnapshot(options.snapshotFile);
      store.rebase();
    }
    const knobs = new KnobController(now, options.knobs);
    const startKnobs = knobs.get();
    const requestLog = new RequestLog(options.requestLogLimit);
    const dispatcher = new GraphDispatcher([...graphRoutes, ...(options.extraRoutes ?? [])], {
      world: store.world,
      graphBaseUrl: (version) => `${origin}/${version}`,
      isVisible: (objectId, requestId) => knobs.replicationLag.isVisible(objectId, requestId),
      markCreated: (objectId) => knobs.replicationLag.markCreated(objectId),
      now,
    });

    const adminKey = newAdminKey();
    const settings = (): EmulatorSettings => ({
      cloud,
      graphUrl: origin,
      authorityHost: origin,
      adminUrl: `${origin}${ADMIN_PATH}`,
      adminKey,
      githubIssuer: github.issuer,
      caCertPath: tls.caCertPath,
      caCertPem: tls.cert,
      tenants: store.world.tenants.map((tenant, index): TenantSettings => {
        const caller = tenant.callers[0];
        const least = tenant.callers.find((c) => c.displayName === LEAST_PRIVILEGE_CALLER_NAME);
        const leastPrivilege: CallerSettings | undefined = least && {
          displayName: least.displayName,
          clientId: least.appId,
          clientSecret: least.secrets[0] ?? "",
          roles: [...least.roles],
        };
        return {
          tenantId: tenant.id,
          displayName: tenant.displayName,
          domain: tenant.domain,
          role: index === 0 ? "source" : "target",
          clientId: caller?.appId ?? "",
          clientSecret: caller?.secrets[0] ?? "",
          clientCertificatePath: clientCertificate.pemPath,
          clientCertificateThumbprint: clientCertificate.thumbprint,
          federatedSubject: caller?.federatedCredentials.find((c) => c.issuer === github.issuer)
            ?.subject,
          ...(leastPrivilege && { leastPrivilege }),
        };
      }),
    });
    const cycles = emulatorCycles(
      {
        world: store.world,
        now,
        markCreated: (objectId) => knobs.replicationLag.markCreated(objectId),
      },
      {
        intervalMs: options.cycleIntervalMs,
        onError: (error) =>
          process.emitWarning(`Provisioning cycle failed: ${(error as Error).message}`),
      },
    );
    stopCycles = cycles.stop;
    const advanceClock = (seconds: number) => {
      clock.advance(seconds * 1000);
      return cycles.runDue();
    };
    const readClock = () => ({
      now: new Date(now()).toISOString(),
      advancedSeconds: clock.advancedMs / 1000,
    });
    const reset = () => {
      store.reset();
      knobs.set(startKnobs);
      requestLog.clear();
    };

    attachHandlers(server, {
      graph: new GraphFront({
        store,
        verifier: new BearerVerifier(tokenKey, now, graphAudience),
        dispatcher,
        knobs,
        log: requestLog,
        now,
      }),
      routes: [
        ...authorityRoutes({
          authority: new TokenAuthority(store, tokenKey, github, origin, now, graphAudience),
          github,
          log: requestLog,
          now,
        }),
        ...adminRoutes({
          knobs,
          log: requestLog,
          store,
          reset,
          settings,
          cycles,
          adminKey,
          stateDir,
          clock: {
            read: readClock,
            advance: (seconds) => ({ cycles: advanceClock(seconds), ...readClock() }),
          },
        }),
      ],
    });

    return {
      settings: settings(),
      world: store.world,
      store,
      knobs,
      requestLog,
      mintGitHubToken: (subject, audience) => github.mint({ subject, audience }),
      saveSnapshot: async (file) => {
        await store.saveSnapshot(file);
      },
      loadSnapshot: (file) => store.loadSnapshot(file),
      runCycle: (selection) => cycles.run(selection),
      previewCycle: (selector) => cycles.preview(selector),
      advanceClock,
      reset,
      stop: async () => {
        cycles.stop();
        await closeServer();
        if (ownStateDir) await rm(stateDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    // A failed start (e.g. a bad snapshot file) must not leave a server, timer or files behind.
    stopCycles();
    await listening?.close();
    if (ownStateDir) await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
}

export { settingsAsEnv };
export { ADMIN_KEY_HEADER } from "./admin/adminKey";
export {
  defaultWorld,
  DEFAULT_SOURCE_TENANT_ID,
  DEFAULT_TARGET_TENANT_ID,
} from "./fixtures/defaultWorld";
export type { CallerSettings, EmulatorSettings, TenantSettings };
export type { KnobSettings, KnobSettingsInput, RequestMatcher } from "./knobs/settings";
export type { RequestLogEntry, RequestCounts } from "./admin/requestLog";
export type { GraphRoute, GraphRequestContext } from "./http/route";
export type { WorldState } from "./world/types";
export { previewProvisioning, ProvisioningError } from "./provisioning";
export type {
  ChangeCounts,
  CycleOutcome,
  CycleReport,
  JobSelector,
  PreviewCreate,
  PreviewDelete,
  PreviewProblem,
  PreviewUpdate,
  ProvisioningErrorKind,
  ProvisioningPreview,
  SynchronizationError,
} from "./provisioning";
export type { CycleSelection } from "./provisioning/emulatorCycles";
