/**
 * Compile-time checks (tsc -p test/tsconfig.json; nothing runs): the provider's Graph bodies are
 * typed with Microsoft's typings, so a misspelled key or a wrongly typed value fails to compile
 * (decisions/0097). Each `@ts-expect-error` fails the build if the line stops being an error.
 */
import type {
  IdentitySyncPayload,
  InboundTrustPayload,
  PartnerPayload,
} from "../../src/provider/graphPayloads";

export const partner: PartnerPayload = {
  automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: null },
  b2bCollaborationInbound: null,
};

export const misspelledPartner: PartnerPayload = {
  // @ts-expect-error: Graph's name is b2bDirectConnectInbound (lower-case b after 2)
  b2BDirectConnectInbound: null,
};

export const wrongConsentValue: PartnerPayload = {
  // @ts-expect-error: consent flags are booleans, not strings
  automaticUserConsentSettings: { inboundAllowed: "true" },
};

export const accessType: PartnerPayload = {
  b2bCollaborationInbound: {
    // @ts-expect-error: the enum is allowed | blocked | unknownFutureValue
    usersAndGroups: { accessType: "allow" },
  },
};

export const trust: InboundTrustPayload = {
  // @ts-expect-error: the flag is isMfaAccepted
  isMFAAccepted: true,
};

export const sync: IdentitySyncPayload = {
  displayName: "Contoso",
  userSyncInbound: { isSyncAllowed: true },
  groupSyncInbound: { isSyncAllowed: false },
};

export const misspelledSync: IdentitySyncPayload = {
  // @ts-expect-error: the property is userSyncInbound
  userSyncInBound: { isSyncAllowed: true },
};
