import * as pulumi from "@pulumi/pulumi";
import { refuseForbiddenKeys } from "../provider/forbiddenKeys";
import { providerShim } from "../provider/shim";
import type { SyncJobArgs } from "./args";
import { TYPE_MODULE } from "./typeTokens";

export type { SyncJobArgs } from "./args";

const provider = providerShim("SyncJob");

/**
 * The Azure2Azure synchronization job of a configuration, started or paused as declared, with
 * a declarative restart (`restartTrigger`) and its status as outputs.
 *
 * Import: `{ import: "tenants/<tenantId>/servicePrincipals/<servicePrincipalId>/jobs/<jobId>" }`.
 *
 * @example
 * const job = new SyncJob("contoso-to-fabrikam", {
 *   tenantId: contoso,
 *   servicePrincipalId: config.servicePrincipalId,
 *   enabled: true,
 * }, { dependsOn: [assignment] });
 */
export class SyncJob extends pulumi.dynamic.Resource {
  /** Source tenant holding the configuration and its job. */
  declare readonly tenantId: pulumi.Output<string>;
  /** Service principal of the configuration the job belongs to. */
  declare readonly servicePrincipalId: pulumi.Output<string>;
  /** Whether the job is started (`true`) or paused (`false`). */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Changing this value restarts the job (clears its state and runs a full cycle). */
  declare readonly restartTrigger: pulumi.Output<string | undefined>;
  /** The job id, e.g. `Azure2Azure.1f0c...`. */
  declare readonly jobId: pulumi.Output<string>;
  /** `Active`, `Paused` or `Disabled` (the schedule state). */
  declare readonly scheduleState: pulumi.Output<string>;
  /** `NotRun`, `Active`, `Paused`, `Quarantine` ... (the status code). */
  declare readonly statusCode: pulumi.Output<string>;
  /** Why the job is quarantined (e.g. `TooManyDeletes`), when it is. */
  declare readonly quarantineReason: pulumi.Output<string | undefined>;
  /** When the last cycle ended, if any ran. */
  declare readonly lastExecutionTime: pulumi.Output<string | undefined>;

  constructor(name: string, args: SyncJobArgs, opts?: pulumi.CustomResourceOptions) {
    refuseForbiddenKeys("SyncJob", args);
    super(
      provider,
      name,
      {
        jobId: undefined,
        scheduleState: undefined,
        statusCode: undefined,
        quarantineReason: undefined,
        lastExecutionTime: undefined,
        ...args,
      },
      opts,
      TYPE_MODULE,
      "SyncJob",
    );
  }
}
