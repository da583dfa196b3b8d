import * as fs from "node:fs";
import * as path from "node:path";
import type { GraphSession } from "../../graph/client";
import { sessionFor } from "../../provider/runtime";
import { EXPORT_USAGE, parseExportArgs, UsageError, type ExportOptions } from "./args";
import { buildModel, type ExportModel } from "./model";
import { Progress } from "./progress";
import { readTenant, type ReadProgress } from "./reader";
import { renderFiles } from "./render";
import type { LeftOut } from "./snapshot";
import { writeFiles } from "./write";

export interface ExportResult {
  model: ExportModel;
  files: Map<string, string>;
  written: string[];
}

export interface ExportDependencies {
  /** The Graph session of a tenant (the provider's credential chain by default). */
  session(tenantId: string): GraphSession;
  progress?: ReadProgress;
  now?: Date;
}

/** The range of this package a generated program depends on: this version's minor line. */
function packageRange(): string {
  for (const candidate of ["../../../package.json", "../../../../package.json"]) {
    const file = path.resolve(__dirname, candidate);
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-entra-cts" && pkg.version) return `^${pkg.version}`;
  }
  return "*";
}

/** Reads every tenant in parallel, builds the program and writes it (partial results included). */
export async function runExport(
  options: ExportOptions,
  dependencies: ExportDependencies,
): Promise<ExportResult> {
  const leftOut: LeftOut[] = [];
  const snapshots = await Promise.all(
    options.tenants.map((tenant) =>
      readTenant(
        dependencies.session(tenant.tenantId),
        tenant.label,
        options.concurrency,
        leftOut,
        dependencies.progress,
      ),
    ),
  );
  const model = buildModel(snapshots, leftOut);
  const files = renderFiles(model, {
    project: options.project,
    stack: options.stack,
    packageRange: packageRange(),
    exportedAt: dependencies.now ?? new Date(),
    tenants: options.tenants,
  });
  const written = writeFiles(options.outDir, files, options.force);
  return { model, files, written };
}

/** `entra-cts export`: 0 all exported, 1 partial or failed, 2 bad arguments. */
export async function runExportCommand(argv: string[]): Promise<number> {
  let options: ExportOptions | undefined;
  try {
    options = parseExportArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`entra-cts export: ${error.message}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${EXPORT_USAGE}\n`);
    return 0;
  }
  const progress = new Progress();
  let result: ExportResult;
  try {
    result = await runExport(options, {
      session: sessionFor,
      progress: (tenantId, what) => progress.read(tenantId, what),
    });
  } catch (error) {
    progress.done();
    process.stderr.write(
      `entra-cts export: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    progress.done();
  }
  const { model, written } = result;
  process.stdout.write(
    `Exported ${model.resources.length} resources from ${options.tenants.length} tenant(s) to ${options.outDir} (${written.length} files).\n`,
  );
  if (model.leftOut.length) {
    process.stderr.write(`Left out (${model.leftOut.length}):\n`);
    for (const item of model.leftOut)
      process.stderr.write(`- ${item.tenantId}: ${item.what}: ${item.reason}\n`);
    return 1;
  }
  return 0;
}
