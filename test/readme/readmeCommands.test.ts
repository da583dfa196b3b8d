import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Every shell command the READMEs give must work verbatim in a fresh clone (issue #9): each
 * `npm run` script, `npx` bin and repository path they name must exist, and the Quick start,
 * which runs from a clone, must not rely on the package's own bin (npm does not link a package's
 * bin into its own node_modules/.bin, so `npx entra-cts-emulator` fails in a clone).
 * Commands that need the Pulumi CLI are checked for their names only; wrong arguments to
 * `npm run demo` and `npm run emulator` are tested in test/demo and test/emulator.
 */
const root = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
  files: string[];
};

interface Command {
  readme: string;
  /** The folder the command runs in: the README's own, or where an earlier `cd` went. */
  cwd: string;
  line: string;
}

function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Command lines of a README, with `#` comments and continuation lines joined. */
function commandsOf(readme: string): Command[] {
  const text = fs.readFileSync(path.join(root, readme), "utf8");
  const commands: Command[] = [];
  for (const block of shellBlocks(text)) {
    let cwd = path.dirname(path.join(root, readme));
    const joined = block.replace(/\\\n\s*/g, " ");
    for (const raw of joined.split("\n")) {
      const line = raw.replace(/(^|\s)#.*$/, "").trim();
      if (!line) continue;
      for (const part of line.split(/\s*&&\s*|\s*;\s*/)) {
        commands.push({ readme, cwd, line: part });
        const cd = /^cd\s+(\S+)$/.exec(part);
        if (cd) cwd = path.resolve(cwd, cd[1]);
      }
    }
  }
  return commands;
}

const readmes = [
  "README.md",
  ...fs
    .readdirSync(path.join(root, "examples"))
    .map((name) => path.join("examples", name, "README.md"))
    .filter((file) => fs.existsSync(path.join(root, file))),
];
const commands = readmes.flatMap(commandsOf);

test("the READMEs have shell commands to check", () => {
  expect(commands.length).toBeGreaterThan(20);
  expect(commands.map((c) => c.line)).toContain("npm run demo");
});

test("every `npm run` script they name exists in package.json", () => {
  const missing = commands
    .map((c) => /^npm run ([\w:-]+)/.exec(c.line)?.[1])
    .filter((script): script is string => !!script && !(script in manifest.scripts));
  expect(missing).toEqual([]);
});

test("every `npx` command names this package's bin or a registry package", () => {
  const bins = commands
    .map((c) => /^npx\s+(?:--yes\s+)?([\w@/.-]+)/.exec(c.line)?.[1])
    .filter((bin): bin is string => !!bin);
  for (const bin of bins) {
    if (bin.startsWith("entra-cts")) expect(Object.keys(manifest.bin)).toContain(bin);
  }
});

test("every `cd` goes to a folder of the repository, or one an earlier command wrote (--out)", () => {
  const written = new Set<string>();
  for (const command of commands) {
    const out = /--out\s+(\S+)/.exec(command.line);
    if (out) written.add(path.resolve(command.cwd, out[1]));
    const cd = /^cd\s+(\S+)$/.exec(command.line);
    if (!cd) continue;
    const target = path.resolve(command.cwd, cd[1]);
    expect(written.has(target) || fs.existsSync(target)).toBe(true);
  }
});

test("`npm install` in a clone's example installs the working tree, not the registry", () => {
  const installs = commands.filter(
    (c) => /^npm install\b/.test(c.line) && c.cwd.startsWith(path.join(root, "examples")),
  );
  expect(installs.length).toBeGreaterThan(0);
  for (const install of installs) {
    expect(install.line).toMatch(/--no-save --install-links \.\.\/\.\.$/);
    expect(path.resolve(install.cwd, "../..")).toBe(root);
  }
});

test("local paths given to --policy-pack exist, or ship in the package", () => {
  for (const command of commands) {
    const pack = /--policy-pack\s+(\S+)/.exec(command.line)?.[1];
    if (!pack) continue;
    const shipped = /^node_modules\/pulumi-entra-cts\/([\w-]+)/.exec(pack);
    if (shipped) expect(manifest.files).toContain(shipped[1]);
    else expect(fs.existsSync(path.resolve(command.cwd, pack))).toBe(true);
  }
});

test("the Quick start, run from a clone, starts the emulator with npm run, not npx", () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const quickStart = readme.slice(
    readme.indexOf("## Quick start"),
    readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1),
  );
  const blocks = shellBlocks(quickStart).join("\n");
  expect(blocks).toContain("npm run emulator -- --settings-file");
  expect(blocks).not.toContain("npx entra-cts-emulator");
  // and it says what to use once the package is installed from npm
  expect(quickStart).toContain("`npx entra-cts-emulator`");
});

test("the examples depend on the package and the SDK by version range", () => {
  for (const example of ["tenant-pair", "hub-and-spoke"]) {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(root, "examples", example, "package.json"), "utf8"),
    ) as { dependencies: Record<string, string> };
    expect(pkg.dependencies["pulumi-entra-cts"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies["@pulumi/pulumi"]).toMatch(/^\^3\.\d+\.\d+$/);
  }
});
