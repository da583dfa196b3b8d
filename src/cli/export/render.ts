import { isReference, type ExportModel, type Value } from "./model";

/** What the header says about the run. */
export interface RenderContext {
  project: string;
  stack: string;
  /** pulumi-entra-cts version range the program depends on. */
  packageRange: string;
  exportedAt: Date;
  tenants: Array<{ label: string; tenantId: string }>;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A value as TypeScript source, indented to `depth`. */
function literal(value: Value, depth: number): string {
  if (isReference(value))
    return value.kind === "config" ? value.key : `${value.variable}.${value.output}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const pad = "  ".repeat(depth + 1);
    return `[\n${value.map((v) => `${pad}${literal(v, depth + 1)},`).join("\n")}\n${"  ".repeat(depth)}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const pad = "  ".repeat(depth + 1);
    const lines = entries.map(
      ([key, v]) =>
        `${pad}${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${literal(v, depth + 1)},`,
    );
    return `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
  }
  return JSON.stringify(value);
}

function comment(lines: string[]): string {
  return lines.map((line) => (line ? `// ${line}` : "//")).join("\n");
}

/** The generated program's index.ts. */
export function renderProgram(model: ExportModel, context: RenderContext): string {
  const counts = new Map<string, number>();
  for (const resource of model.resources)
    counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  const header = [
    `Exported by \`entra-cts export\` on ${context.exportedAt.toISOString()}.`,
    `Tenants read: ${context.tenants.map((t) => `${t.label} (${t.tenantId})`).join(", ")}.`,
    `Resources: ${[...counts].map(([type, n]) => `${n} ${type}`).join(", ") || "none"}.`,
    "Every resource carries the `import` option: the first `pulumi up` adopts it and changes",
    "nothing. Once that has run, the `import` options may be removed.",
    "",
    "Not expressed here:",
    ...(model.leftOut.length
      ? model.leftOut.map((item) => `- ${item.tenantId}: ${item.what}: ${item.reason}`)
      : ["- nothing was left out."]),
    "- attribute mappings equal to the template's defaults are not declared (they stay as they are).",
    "- tenant-wide default cross-tenant access settings are not managed by this package.",
  ];
  const used = new Set(model.resources.map((resource) => resource.type));
  const lines: string[] = [
    comment(header),
    'import * as pulumi from "@pulumi/pulumi";',
    `import { ${[...used].sort().join(", ")} } from "pulumi-entra-cts";`,
    "",
    "// Tenant ids live in stack config (Pulumi.<stack>.yaml); credentials never do here.",
    "const config = new pulumi.Config();",
    ...[...model.config.keys()].map((key) => `const ${key} = config.require("${key}");`),
  ];
  for (const resource of model.resources) {
    lines.push(
      "",
      `// ${resource.comment}`,
      `export const ${resource.variable} = new ${resource.type}(`,
      `  ${JSON.stringify(resource.name)},`,
      `  ${literal(resource.inputs, 1)},`,
      `  { import: ${JSON.stringify(resource.importId)} },`,
      ");",
    );
  }
  if (used.size === 0) lines.splice(2, 1);
  return `${lines.join("\n")}\n`;
}

/** Every file of the program, by relative path. */
export function renderFiles(model: ExportModel, context: RenderContext): Map<string, string> {
  const files = new Map<string, string>();
  files.set("index.ts", renderProgram(model, context));
  files.set(
    "Pulumi.yaml",
    [
      `name: ${context.project}`,
      "runtime: nodejs",
      "description: Cross-tenant synchronization exported by entra-cts export",
      "",
    ].join("\n"),
  );
  files.set(
    `Pulumi.${context.stack}.yaml`,
    [
      "# Tenant ids only. Credentials come from the provider's credential chain (environment,",
      "# Azure CLI, OIDC) or `pulumi config set --secret entra-cts:...`; never commit them here.",
      "config:",
      ...[...model.config].map(([key, tenantId]) => `  ${context.project}:${key}: ${tenantId}`),
      "",
    ].join("\n"),
  );
  files.set(
    "package.json",
    `${JSON.stringify(
      {
        name: context.project,
        private: true,
        main: "index.ts",
        dependencies: {
          "@pulumi/pulumi": "^3.270.0",
          "pulumi-entra-cts": context.packageRange,
        },
        devDependencies: { "@types/node": "^22.0.0", typescript: "^5.9.0" },
      },
      null,
      2,
    )}\n`,
  );
  files.set(
    "tsconfig.json",
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "es2022",
          module: "commonjs",
          moduleResolution: "node",
          esModuleInterop: true,
          skipLibCheck: true,
        },
        files: ["index.ts"],
      },
      null,
      2,
    )}\n`,
  );
  return files;
}
