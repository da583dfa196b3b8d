/**
 * The target tenant's active users indexed once per plan: by object id, by the key of their
 * alternativeSecurityIds (what CTS matches on) and by userPrincipalName. The UPN index is updated
 * as the plan assigns names, so two source users heading for one name conflict within a cycle
 * as they would in Entra.
 */
import type { TenantState, UserRecord } from "../emulator/world/types";

const lower = (text: string) => text.toLowerCase();

export class TargetUserIndex {
  private readonly byId = new Map<string, UserRecord>();
  private readonly byKey = new Map<string, UserRecord[]>();
  private readonly upnOwners = new Map<string, string>();

  constructor(target: TenantState) {
    for (const user of target.users) {
      if (user.deletedDateTime) continue;
      this.byId.set(lower(user.id), user);
      for (const id of user.alternativeSecurityIds ?? []) {
        const key = lower(id.key);
        const matches = this.byKey.get(key);
        if (matches) matches.push(user);
        else this.byKey.set(key, [user]);
      }
      this.upnOwners.set(lower(user.userPrincipalName), user.id);
    }
  }

  /** The active target user with object id `id`. */
  user(id: string): UserRecord | undefined {
    return this.byId.get(lower(id));
  }

  /** Active target users whose alternativeSecurityIds carry `netId`. */
  matching(netId: string): UserRecord[] {
    return this.byKey.get(lower(netId)) ?? [];
  }

  /** The object id holding `upn`, if any. */
  upnOwner(upn: string): string | undefined {
    return this.upnOwners.get(lower(upn));
  }

  /** Records that `ownerId` holds `upn` from now on (releasing its previous name). */
  claimUpn(ownerId: string, upn: string, previous?: string): void {
    if (previous && this.upnOwners.get(lower(previous)) === ownerId) {
      this.upnOwners.delete(lower(previous));
    }
    this.upnOwners.set(lower(upn), ownerId);
  }

  /** Whether a UPN is free for `ownerId` (SelectUniqueValue's oracle, conflict checks). */
  isUpnFree(upn: string, ownerId?: string): boolean {
    const owner = this.upnOwner(upn);
    return owner === undefined || owner === ownerId;
  }
}
