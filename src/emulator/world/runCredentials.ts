/**
 * Facts that change with every emulator run and so cannot live in a fixture or a snapshot as
 * such: the fake GitHub issuer's URL (it contains the port) and the client certificate made at
 * start. Fixtures name the issuer with a placeholder; binding rewrites it and registers the
 * certificate on each tenant's primary caller (decisions/0008-snapshots-and-binding.md).
 */
import { X509Certificate } from "node:crypto";
import type { WorldState } from "./types";

/** Issuer placeholder for federated credentials that trust the emulator's own GitHub issuer. */
export const EMULATOR_GITHUB_ISSUER = "urn:entra-cts-emulator:github-oidc";
/** Subject CN prefix of certificates the emulator issues; rebinding replaces such certificates. */
export const EMULATOR_CERTIFICATE_CN = "entra-cts-emulator";
/** An issuer URL of some earlier run (snapshot taken on another port). */
const EARLIER_RUN_ISSUER = /^https:\/\/127\.0\.0\.1:\d+\/_emulator\/github-oidc$/;

export interface RunCredentials {
  /** `https://127.0.0.1:<port>/_emulator/github-oidc` */
  githubIssuer: string;
  /** PEM of this run's client certificate. */
  clientCertificatePem: string;
}

export function bindRunCredentials(world: WorldState, run: RunCredentials): void {
  for (const tenant of world.tenants) {
    for (const caller of tenant.callers) {
      for (const credential of caller.federatedCredentials) {
        if (
          credential.issuer === EMULATOR_GITHUB_ISSUER ||
          EARLIER_RUN_ISSUER.test(credential.issuer)
        ) {
          credential.issuer = run.githubIssuer;
        }
      }
    }
    const primary = tenant.callers[0];
    if (!primary) continue;
    primary.certificates = [
      ...primary.certificates.filter((pem) => !issuedByEmulator(pem)),
      run.clientCertificatePem,
    ];
  }
}

function issuedByEmulator(pem: string): boolean {
  try {
    return new X509Certificate(pem).subject.includes(`CN=${EMULATOR_CERTIFICATE_CN}`);
  } catch {
    return false;
  }
}
