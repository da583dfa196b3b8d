import type { GraphCall } from "../../src/graph/client";
import { remedyFor } from "../../src/graph/remedies";

const testConnection: GraphCall = {
  operation: "test the connection to target tenant 9c5d131d-b1c3-4fc4-9e3f-c6557947d551",
  method: "POST",
  path: "/servicePrincipals/sp/synchronization/jobs/validateCredentials",
};

describe("cross-cloud test-connection failures", () => {
  it("explains ExternalTenantNotFound as a configuration made without the cross-cloud option", () => {
    const remedy = remedyFor(testConnection, 400, "ExternalTenantNotFound", "t", []);
    expect(remedy).toMatch(/created without the cross-cloud option/);
    expect(remedy).toMatch(/crossCloud: true/);
  });

  it("explains AzureActiveDirectoryTokenExpired as the target's missing cross-cloud enablement", () => {
    const remedy = remedyFor(testConnection, 400, "AzureActiveDirectoryTokenExpired", "t", []);
    expect(remedy).toMatch(/target tenant has not enabled cross-cloud synchronization/);
    expect(remedy).toMatch(/allowedCloudEndpoints/);
  });
});
