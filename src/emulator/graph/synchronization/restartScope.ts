/**
 * `synchronizationJobRestartScope`: a flags enum sent as comma-separated names, e.g.
 * "Watermark, Escrows, QuarantineState" (decisions/reference/graph-cts.md §5.5).
 */
import { GraphError } from "../../http/graphError";

export const RestartScopeFlag = {
  None: 0,
  ConnectorDataStore: 1,
  Escrows: 2,
  Watermark: 4,
  QuarantineState: 8,
  Full: 15,
  ForceDeletes: 32,
} as const;

export type RestartScopeName = keyof typeof RestartScopeFlag;

const SINGLE_FLAGS: RestartScopeName[] = [
  "ConnectorDataStore",
  "Escrows",
  "Watermark",
  "QuarantineState",
  "ForceDeletes",
];

/** What a restart without criteria does: the portal's "Restart provisioning". */
export const DEFAULT_RESTART_SCOPE =
  RestartScopeFlag.Watermark | RestartScopeFlag.Escrows | RestartScopeFlag.QuarantineState;

const isScopeName = (name: string): name is RestartScopeName =>
  Object.prototype.hasOwnProperty.call(RestartScopeFlag, name);

/** Parses the wire form; 400 naming the unknown flag. Names are case-sensitive, as in OData. */
export function parseRestartScope(text: string): number {
  const names = text.split(",").map((name) => name.trim());
  let flags = 0;
  for (const name of names) {
    if (!isScopeName(name)) {
      throw GraphError.badRequest(
        `Failed to restart the synchronization job: '${name}' is not a valid resetScope flag. Use comma-separated names from: ${Object.keys(RestartScopeFlag).join(", ")}.`,
      );
    }
    flags |= RestartScopeFlag[name];
  }
  return flags;
}

/** The canonical wire form of `flags` ("Full" when all four reset flags are set). */
export function formatRestartScope(flags: number): string {
  if (flags === 0) return "None";
  const names: string[] = [];
  let rest = flags;
  if ((flags & RestartScopeFlag.Full) === RestartScopeFlag.Full) {
    names.push("Full");
    rest &= ~RestartScopeFlag.Full;
  }
  for (const name of SINGLE_FLAGS) {
    if (rest & RestartScopeFlag[name]) names.push(name);
  }
  return names.join(", ");
}

export function hasRestartFlag(flags: number, flag: number): boolean {
  return (flags & flag) === flag;
}
