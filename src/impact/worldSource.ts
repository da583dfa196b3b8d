/**
 * Where the report reads the tenants from. Against the emulator: its world, from a snapshot file
 * (`entra-cts-emulator --snapshot`) or from a running emulator's admin endpoint
 * (POST /_emulator/snapshot without a path answers the world and writes nothing). The emulator
 * serves with its own CA; the file named by ENTRA_CTS_CA_FILE (or --ca-file) is trusted.
 */
import { ADMIN_KEY_HEADER } from "../emulator/admin/adminKey";
import { readFileSync } from "node:fs";
import { Agent } from "undici";
import { parseSnapshot } from "../emulator/world/snapshot";
import type { WorldState } from "../emulator/world/types";
import { PlanInputError } from "./previewPlan";

export function worldFromSnapshotFile(file: string): WorldState {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PlanInputError(
      `Failed to read the emulator snapshot ${file}: ${(error as Error).message}. Use a file written by \`entra-cts-emulator --snapshot\`.`,
    );
  }
  return parseSnapshot(content, file);
}

export async function worldFromEmulator(
  adminUrl: string,
  caFile?: string,
  adminKey?: string,
): Promise<WorldState> {
  const url = `${adminUrl.replace(/\/+$/, "")}/snapshot`;
  const dispatcher = caFile
    ? new Agent({ connect: { ca: readFileSync(caFile, "utf8") } })
    : undefined;
  let status: number;
  let body: unknown;
  try {
    const response = await fetch(url, {
      method: "POST",
      // The admin API wants this run's key (decisions/0092).
      headers: {
        "content-type": "application/json",
        ...(adminKey ? { [ADMIN_KEY_HEADER]: adminKey } : {}),
      },
      body: "{}",
      ...(dispatcher ? ({ dispatcher } as RequestInit) : {}),
    });
    status = response.status;
    // Read before the agent closes: closing waits for the body still in flight.
    body = response.ok ? await response.json() : await response.text();
  } catch (error) {
    throw new PlanInputError(
      `Failed to read the emulator's world from ${url}: ${(error as Error).message}. Start it with \`entra-cts-emulator\` and pass its ENTRA_CTS_ADMIN_URL, ENTRA_CTS_CA_FILE and ENTRA_CTS_ADMIN_KEY.`,
    );
  } finally {
    await dispatcher?.close();
  }
  if (status < 200 || status >= 300) {
    const fix =
      status === 401
        ? " Set ENTRA_CTS_ADMIN_KEY to the key the emulator printed with its settings."
        : "";
    throw new PlanInputError(
      `Failed to read the emulator's world from ${url}: HTTP ${status}.${fix}`,
    );
  }
  return parseSnapshot(body, url);
}
