import * as path from "node:path";
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/fixtureIds";
import { withEmulator } from "../harness/emulator";
import { TestEngine, type ProgramSpec } from "./testEngine";

const emulator = withEmulator();
let engine: TestEngine;
let program: ProgramSpec;

beforeAll(async () => {
  const tenants = Object.fromEntries(
    emulator.settings.tenants.map((t) => [t.tenantId, { clientId: t.clientId, clientSecret: t.clientSecret }]),
  );
  const config = {
    "entra-cts:graphUrl": emulator.settings.graphUrl,
    "entra-cts:authorityHost": emulator.settings.authorityHost,
    "entra-cts:caFile": emulator.settings.caCertPath,
    "entra-cts:tenants": JSON.stringify(tenants),
    "entra-cts-tenant-pair:sourceTenantId": emulator.tenant("source").tenantId,
    "entra-cts-tenant-pair:targetTenantId": emulator.tenant("target").tenantId,
    "entra-cts-tenant-pair:pilotGroupId": CONTOSO_GROUPS.pilot,
  };
  engine = await TestEngine.start(config);
  program = {
    dir: path.resolve(__dirname, "../../examples/tenant-pair"),
    project: "entra-cts-tenant-pair",
    config,
    secretKeys: ["entra-cts:tenants"],
  };
}, 60_000);
afterAll(() => engine?.stop());

test("smoke", async () => {
  const preview = await engine.preview(program);
  console.log(preview.steps.map((s) => `${s.op} ${s.urn}`).join("\n"));
  const up = await engine.up(program);
  console.log(up.steps.map((s) => `${s.op} ${s.urn}`).join("\n"), up.outputs);
  emulator.emulator.requestLog.clear();
  const again = await engine.up(program);
  console.log(again.steps.map((s) => `${s.op} ${s.urn}`).join("\n"));
  console.log(emulator.emulator.requestLog.list().map((e) => `${e.method} ${e.routeKey}`).join("\n"));
  const gone = await engine.destroy();
  console.log(gone.map((s) => `${s.op} ${s.urn}`).join("\n"));
}, 180_000);
