/** What a client needs to reach a running emulator, and the same as environment variables. */

/** A client-credentials caller of a tenant. */
export interface CallerSettings {
  displayName: string;
  clientId: string;
  clientSecret: string;
  /** The application permissions granted to it (its tokens' `roles`). */
  roles: string[];
}

export interface TenantSettings {
  tenantId: string;
  displayName: string;
  domain: string;
  /** The first tenant of the world is the CTS source; the others are targets. */
  role: "source" | "target";
  /** The tenant's primary caller (pulumi-entra-cts in the default world). */
  clientId: string;
  clientSecret: string;
  /** PEM with private key and certificate, for ClientCertificateCredential. */
  clientCertificatePath: string;
  /** SHA-1 thumbprint (upper-case hex) registered on the caller. */
  clientCertificateThumbprint: string;
  /** Subject of the caller's federated credential on the emulator's GitHub issuer, if any. */
  federatedSubject?: string;
  /**
   * A caller with only the permissions the provider needs in this tenant (least privilege), when
   * the world has one: run a stack with it to see that nothing more is asked for.
   */
  leastPrivilege?: CallerSettings;
}

export interface EmulatorSettings {
  /** The Microsoft cloud the emulator stands for; its tokens are for this cloud's Graph. */
  cloud: "public" | "usgovernment" | "china";
  /** `https://127.0.0.1:<port>`; clients append /v1.0 or /beta. */
  graphUrl: string;
  /** Same origin: the authorityHost for @azure/identity. */
  authorityHost: string;
  /** `https://127.0.0.1:<port>/_emulator` */
  adminUrl: string;
  /**
   * This run's admin key: send it in the `x-entra-cts-admin-key` header on every admin request
   * (all but /health answer 401 without it).
   */
  adminKey: string;
  /** Issuer URL of the emulator's fake GitHub OIDC provider. */
  githubIssuer: string;
  /** The CA file clients must trust (NODE_EXTRA_CA_CERTS, tlsOptions.ca, an undici Agent). */
  caCertPath: string;
  caCertPem: string;
  tenants: TenantSettings[];
}

/**
 * The KEY=value pairs the CLI prints, in print order; spread them into a child process's env.
 * Only the emulator's throwaway credentials appear here, never anything of a real tenant.
 */
export function settingsAsEnv(settings: EmulatorSettings): Record<string, string> {
  const env: Record<string, string> = {
    ENTRA_CTS_GRAPH_URL: settings.graphUrl,
    ENTRA_CTS_AUTHORITY_HOST: settings.authorityHost,
    ENTRA_CTS_CA_FILE: settings.caCertPath,
    NODE_EXTRA_CA_CERTS: settings.caCertPath,
    ENTRA_CTS_ADMIN_URL: settings.adminUrl,
    ENTRA_CTS_ADMIN_KEY: settings.adminKey,
    ENTRA_CTS_GITHUB_OIDC_ISSUER: settings.githubIssuer,
  };
  for (const role of ["source", "target"] as const) {
    const tenant = settings.tenants.find((t) => t.role === role);
    if (!tenant) continue;
    const prefix = `ENTRA_CTS_${role.toUpperCase()}`;
    env[`${prefix}_TENANT_ID`] = tenant.tenantId;
    env[`${prefix}_CLIENT_ID`] = tenant.clientId;
    env[`${prefix}_CLIENT_SECRET`] = tenant.clientSecret;
    env[`${prefix}_CLIENT_CERTIFICATE_PATH`] = tenant.clientCertificatePath;
    if (tenant.leastPrivilege) {
      env[`${prefix}_LEAST_PRIVILEGE_CLIENT_ID`] = tenant.leastPrivilege.clientId;
      env[`${prefix}_LEAST_PRIVILEGE_CLIENT_SECRET`] = tenant.leastPrivilege.clientSecret;
    }
  }
  return env;
}
