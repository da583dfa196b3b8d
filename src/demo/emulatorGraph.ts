/**
 * What the demo does on the emulator's side, over HTTPS like any client: a provisioning cycle
 * (admin API), the target tenant's users, and a "portal" change to a partner policy (Graph, as
 * the tenant's own app, the way an admin's click reaches Graph).
 */
import { Agent, fetch } from "undici";
import { ADMIN_KEY_HEADER } from "../emulator/admin/adminKey";
import type { EmulatorSettings, TenantSettings } from "../emulator/settings";

export interface TargetUser {
  displayName: string;
  userPrincipalName: string;
  /** null when Graph has no value (e.g. companyName of a user created in the portal). */
  userType: string | null;
  companyName: string | null;
  creationType: string | null;
}

export class EmulatorGraph {
  private readonly agent: Agent;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly settings: EmulatorSettings) {
    this.agent = new Agent({ connect: { ca: settings.caCertPem } });
  }

  tenant(role: "source" | "target"): TenantSettings {
    const tenant = this.settings.tenants.find((t) => t.role === role);
    if (!tenant) throw new Error(`The emulator's world has no ${role} tenant.`);
    return tenant;
  }

  /** Runs a provisioning cycle of every active job now; answers what each job did. */
  async runCycle(): Promise<Array<{ outcome: string; changes: Record<string, number> }>> {
    const reply = await this.request("POST", `${this.settings.adminUrl}/cycles`, undefined, {});
    return (reply as { value: Array<{ outcome: string; changes: Record<string, number> }> }).value;
  }

  async targetUsers(): Promise<TargetUser[]> {
    const target = this.tenant("target");
    // Graph's default user properties leave out userType and companyName: ask for them.
    const select = "displayName,userPrincipalName,userType,companyName,creationType";
    const reply = (await this.graph(target, "GET", `/users?$select=${select}`)) as {
      value: TargetUser[];
    };
    return reply.value;
  }

  /**
   * What an admin does in the target tenant's portal: turns off automatic redemption of the
   * source's users (Cross-tenant access settings > Trust settings).
   */
  async turnOffAutomaticRedemptionInTarget(): Promise<void> {
    const source = this.tenant("source");
    await this.graph(
      this.tenant("target"),
      "PATCH",
      `/policies/crossTenantAccessPolicy/partners/${source.tenantId}`,
      { automaticUserConsentSettings: { inboundAllowed: false } },
    );
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async graph(
    tenant: TenantSettings,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<unknown> {
    const token = await this.token(tenant);
    return this.request(method, `${this.settings.graphUrl}/v1.0${path}`, token, body);
  }

  private async token(tenant: TenantSettings): Promise<string> {
    const cached = this.tokens.get(tenant.tenantId);
    if (cached) return cached;
    const response = await fetch(
      `${this.settings.authorityHost}/${tenant.tenantId}/oauth2/v2.0/token`,
      {
        method: "POST",
        dispatcher: this.agent,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: tenant.clientId,
          client_secret: tenant.clientSecret,
          scope: "https://graph.microsoft.com/.default",
        }).toString(),
      },
    );
    const answer = (await response.json()) as { access_token?: string; error?: string };
    if (!answer.access_token) {
      throw new Error(
        `Failed to get a token for ${tenant.displayName} from the emulator: ${answer.error ?? response.status}.`,
      );
    }
    this.tokens.set(tenant.tenantId, answer.access_token);
    return answer.access_token;
  }

  private async request(
    method: string,
    url: string,
    token: string | undefined,
    body: unknown,
  ): Promise<unknown> {
    const response = await fetch(url, {
      method,
      dispatcher: this.agent,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        // The admin API wants this run's key (decisions/0092); Graph never sees it.
        ...(url.startsWith(this.settings.adminUrl)
          ? { [ADMIN_KEY_HEADER]: this.settings.adminKey }
          : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `Failed: ${method} ${new URL(url).pathname} answered ${response.status}: ${text}`,
      );
    }
    return text ? JSON.parse(text) : undefined;
  }
}
