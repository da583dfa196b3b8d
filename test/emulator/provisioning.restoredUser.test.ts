/**
 * A synchronized user an administrator soft-deletes in the target: the next cycle neither
 * restores it nor creates a second one (Entra's troubleshooting guide, "Recently deleted user in
 * the target tenant is not restored"); after a manual restore the next cycle updates it again
 * (decisions/0096).
 */
import { CONTOSO_USERS } from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator } from "../harness/emulator";
import { configurePair, expectStatus } from "../harness/cyclePair";

const h = withEmulator();
beforeEach(() => h.emulator.reset());

const targetUsersFor = (sourceUpnStart: string) =>
  h.emulator.world.tenants[1].users.filter((user) =>
    user.userPrincipalName.startsWith(`${sourceUpnStart}_contoso.onmicrosoft.com#EXT#`),
  );

it("skips a managed user soft-deleted in the target, and updates it once restored", async () => {
  const { spId } = await configurePair(h);
  h.emulator.runCycle({ servicePrincipalId: spId });
  const [alex] = targetUsersFor("alexw");
  expect(alex).toBeDefined();

  // An administrator deletes the synchronized user in the target (it goes to deletedItems).
  alex.deletedDateTime = new Date().toISOString();
  h.emulator.world.tenants[0].users.find((u) => u.id === CONTOSO_USERS.alex)!.jobTitle =
    "Principal";
  h.emulator.runCycle({ servicePrincipalId: spId });
  expect(targetUsersFor("alexw")).toEqual([alex]); // no second user
  expect(alex.deletedDateTime).toBeTruthy(); // not restored
  expect(alex.jobTitle).not.toBe("Principal");
  const logs = expectStatus(
    await h.graphFetch("source", "GET", "/auditLogs/provisioning?$top=999"),
    200,
  ).value as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const skip = logs.find(
    (entry) =>
      entry.sourceIdentity.id === CONTOSO_USERS.alex &&
      entry.provisioningStatusInfo.status === "skipped",
  );
  expect(skip?.provisioningStatusInfo.errorInformation.errorCode).toBe("TargetUserSoftDeleted");
  expect(skip?.provisioningStatusInfo.errorInformation.reason).toMatch(
    /does not restore it\. Restore it in the target tenant/,
  );

  expectStatus(
    await h.graphFetch("target", "POST", `/directory/deletedItems/${alex.id}/restore`),
    200,
  );
  h.emulator.runCycle({ servicePrincipalId: spId });
  expect(targetUsersFor("alexw")).toHaveLength(1);
  expect(alex.deletedDateTime).toBeFalsy();
  expect(alex.jobTitle).toBe("Principal");
});
