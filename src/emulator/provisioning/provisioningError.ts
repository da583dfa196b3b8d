/**
 * An error of the emulator's provisioning API (not a Graph error): the job to run or preview does
 * not exist or cannot run. `kind` lets the admin API choose its status code.
 */
export type ProvisioningErrorKind = "notFound" | "invalidRequest" | "notRunnable";

export class ProvisioningError extends Error {
  override readonly name = "ProvisioningError";

  constructor(
    readonly kind: ProvisioningErrorKind,
    message: string,
  ) {
    super(message);
  }
}
