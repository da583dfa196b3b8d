/**
 * The Microsoft clouds a tenant can live in, and what each one means for a client: where its
 * token authority and Graph are, which token scope Graph accepts there, and the name the
 * cross-tenant access policy uses for it (allowedCloudEndpoints). decisions/0130.
 */

export const CLOUD_NAMES = ["public", "usgovernment", "china"] as const;

/** A Microsoft cloud, named as ARM_ENVIRONMENT names it. */
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface CloudEndpoints {
  /** Graph root without version, e.g. https://graph.microsoft.us. */
  graphUrl: string;
  /** Token authority, e.g. https://login.microsoftonline.us. */
  authorityHost: string;
}

export interface CloudDefinition extends CloudEndpoints {
  /**
   * The scope a token for this cloud's Graph is requested with. It names the cloud's Graph
   * resource, not the URL a request goes to: a tenant served by an emulator or a proxy still
   * asks for its own cloud's Graph.
   */
  graphScope: string;
  /** The value crossTenantAccessPolicy.allowedCloudEndpoints uses for this cloud. */
  cloudEndpoint: string;
  /** How the admin center names the cloud, for messages. */
  displayName: string;
}

export const CLOUDS: Readonly<Record<CloudName, CloudDefinition>> = {
  public: {
    graphUrl: "https://graph.microsoft.com",
    authorityHost: "https://login.microsoftonline.com",
    graphScope: "https://graph.microsoft.com/.default",
    cloudEndpoint: "microsoftonline.com",
    displayName: "Microsoft Azure Commercial",
  },
  usgovernment: {
    graphUrl: "https://graph.microsoft.us",
    authorityHost: "https://login.microsoftonline.us",
    graphScope: "https://graph.microsoft.us/.default",
    cloudEndpoint: "microsoftonline.us",
    displayName: "Microsoft Azure Government",
  },
  china: {
    graphUrl: "https://microsoftgraph.chinacloudapi.cn",
    authorityHost: "https://login.chinacloudapi.cn",
    graphScope: "https://microsoftgraph.chinacloudapi.cn/.default",
    cloudEndpoint: "partner.microsoftonline.cn",
    displayName: "Microsoft Azure operated by 21Vianet",
  },
};

/**
 * Other spellings users already have: Terraform's and the Azure CLI's environment names
 * (AzureUSGovernment, AzureChinaCloud, ...) and the azuread provider's (usgovernmentl4, ...).
 */
const ALIASES: Readonly<Record<string, CloudName>> = {
  public: "public",
  azurecloud: "public",
  azurepubliccloud: "public",
  global: "public",
  usgovernment: "usgovernment",
  usgovernmentl4: "usgovernment",
  usgovernmentl5: "usgovernment",
  azureusgovernment: "usgovernment",
  azureusgovernmentcloud: "usgovernment",
  china: "china",
  azurechinacloud: "china",
};

/** True for a string that names a cloud (any accepted spelling). */
export function isCloudName(value: string): boolean {
  return value.toLowerCase() in ALIASES;
}

/**
 * The cloud a name stands for. `where` says where the name came from, so that the error names
 * the setting to fix.
 */
export function parseCloudName(value: string, where: string): CloudName {
  const cloud = ALIASES[value.trim().toLowerCase()];
  if (cloud) return cloud;
  throw new Error(
    `${where} is "${value}", which is not a Microsoft cloud: use one of ${CLOUD_NAMES.map((name) => `"${name}"`).join(", ")}.`,
  );
}

/** The cloud whose token authority is at this URL, if it is one of Microsoft's. */
export function cloudOfAuthorityHost(url: string): CloudName | undefined {
  const host = url.replace(/\/+$/, "").toLowerCase();
  return CLOUD_NAMES.find((name) => CLOUDS[name].authorityHost === host);
}
