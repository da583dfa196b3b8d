/**
 * The impact report as people read it: a terminal table, Markdown for a pull-request comment,
 * or JSON for tools. Values in samples are shown as JSON so an empty string and a missing value
 * look different.
 */
import type { ImpactReport, JobImpact } from "./report";

export type ImpactFormat = "table" | "markdown" | "json";

const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));

function thresholdLine(job: JobImpact): string {
  const { threshold, deletions, stopsJob } = job.deletionThreshold;
  if (threshold === null) return `Accidental-deletion prevention is off (${deletions} deletions).`;
  return stopsJob
    ? `STOPS THE JOB: ${deletions} deletions exceed the accidental-deletion threshold of ${threshold}; the job is quarantined until an admin restarts it with ForceDeletes.`
    : `${deletions} deletions, within the accidental-deletion threshold of ${threshold}.`;
}

function countRows(job: JobImpact): Array<[string, number]> {
  return [
    ["created", job.created],
    ["updated", job.updated],
    ["removed", job.removed],
    ["newly in scope", job.newlyInScope],
    ["newly out of scope", job.newlyOutOfScope],
    ["conflicts", job.conflicts.reduce((sum, conflict) => sum + conflict.users, 0)],
    ["unchanged", job.unchanged],
    ["skipped", job.skipped],
  ];
}

function jobTitle(job: JobImpact): string {
  return `Job ${job.jobId} (source ${job.sourceTenantId} -> target ${job.targetTenantId ?? "unknown"})`;
}

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd(),
  );
}

function tableJob(job: JobImpact): string[] {
  const lines = [jobTitle(job)];
  if (job.problem) return [...lines, `  Not planned: ${job.problem}`];
  lines.push(...pad(countRows(job).map(([name, count]) => [`  ${name}`, String(count)])));
  if (job.attributes.length) {
    lines.push("  Updated attributes:");
    const rows = [["    attribute", "users", "sample (before -> after)"]];
    for (const attribute of job.attributes) {
      const sample = attribute.samples?.[0];
      rows.push([
        `    ${attribute.attribute}`,
        String(attribute.users),
        sample ? `${sample.user}: ${show(sample.before)} -> ${show(sample.after)}` : "",
      ]);
    }
    lines.push(...pad(rows));
  }
  for (const conflict of job.conflicts) {
    const sample = conflict.samples?.[0];
    lines.push(
      `  Conflict ${conflict.code}: ${conflict.users}${sample ? ` (e.g. ${sample.user}: ${sample.message})` : ""}`,
    );
  }
  lines.push(`  ${thresholdLine(job)}`);
  return lines;
}

function notes(report: ImpactReport, bullet: string): string[] {
  const lines: string[] = [];
  for (const entry of report.unknowable)
    lines.push(`${bullet}Not known: ${entry.urn}: ${entry.reason}`);
  for (const entry of report.ignored)
    lines.push(`${bullet}Ignored: ${entry.urn} (${entry.type}): ${entry.why}`);
  return lines;
}

function table(report: ImpactReport): string {
  const lines: string[] = [];
  if (!report.jobs.length) lines.push("No synchronization job is affected by this plan.");
  for (const job of report.jobs) lines.push(...tableJob(job), "");
  lines.push(...notes(report, ""));
  return lines.join("\n").trimEnd() + "\n";
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdownJob(job: JobImpact): string[] {
  const lines = [`### ${cell(jobTitle(job))}`, ""];
  if (job.problem) return [...lines, `Not planned: ${cell(job.problem)}`, ""];
  if (job.deletionThreshold.stopsJob) lines.push(`> [!WARNING]\n> ${thresholdLine(job)}`, "");
  lines.push("| Users | Count |", "|---|---:|");
  for (const [name, count] of countRows(job)) lines.push(`| ${name} | ${count} |`);
  lines.push("");
  if (job.attributes.length) {
    const withSamples = job.attributes.some((attribute) => attribute.samples);
    lines.push(withSamples ? "| Attribute | Users | Samples |" : "| Attribute | Users |");
    lines.push(withSamples ? "|---|---:|---|" : "|---|---:|");
    for (const attribute of job.attributes) {
      const samples = (attribute.samples ?? [])
        .map((sample) => `${sample.user}: \`${show(sample.before)}\` → \`${show(sample.after)}\``)
        .join("<br>");
      lines.push(
        withSamples
          ? `| ${cell(attribute.attribute)} | ${attribute.users} | ${cell(samples)} |`
          : `| ${cell(attribute.attribute)} | ${attribute.users} |`,
      );
    }
    lines.push("");
  }
  for (const conflict of job.conflicts)
    lines.push(`- Conflict \`${conflict.code}\`: ${conflict.users} users`);
  if (!job.deletionThreshold.stopsJob) lines.push(`- ${thresholdLine(job)}`);
  lines.push("");
  return lines;
}

function markdown(report: ImpactReport): string {
  const lines = ["## Impact on provisioned users", ""];
  if (!report.jobs.length) lines.push("No synchronization job is affected by this plan.", "");
  for (const job of report.jobs) lines.push(...markdownJob(job));
  lines.push(...notes(report, "- ").map(cell));
  return lines.join("\n").trimEnd() + "\n";
}

export function formatImpact(report: ImpactReport, format: ImpactFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "markdown":
      return markdown(report);
    case "table":
      return table(report);
  }
}
