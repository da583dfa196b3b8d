/**
 * The CLI as a daily tool (decisions/0070): --settings-file, flags checked before anything starts or
 * is written, and no private key or secret left on disk on any way out.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseEnvLines, REQUIRED_KEYS, runCli, startCli } from "./helpers/cli";

const CRASH_PRELOAD = path.join(__dirname, "helpers", "crashOnSigusr2.ts");

let scratch: string;
/** The child's TMPDIR: the only place its temp state folder can appear. */
let childTmp: string;

beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "emulator-cli-exit-"));
  childTmp = path.join(scratch, "tmp");
  mkdirSync(childTmp);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const launch = () => ({ env: { TMPDIR: childTmp } });
const tempFolders = () => readdirSync(childTmp).filter((name) => name.startsWith("entra-cts-"));

/** The temp folder the running CLI made, found from the CA file path it publishes. */
function stateFolderOf(env: Record<string, string>): string {
  const folder = path.dirname(env.ENTRA_CTS_CA_FILE);
  expect(path.dirname(folder)).toBe(childTmp);
  expect(tempFolders()).toEqual([path.basename(folder)]);
  // The private key lives there: this is what must not outlive the process.
  expect(readdirSync(folder).length).toBeGreaterThan(1);
  return folder;
}

describe("entra-cts-emulator --settings-file", () => {
  it("writes the settings to a 0600 file instead of stdout, and removes it on exit", async () => {
    const settingsFile = path.join(scratch, "emulator.env");
    const cli = await startCli(["--settings-file", settingsFile], launch());
    let folder: string;
    try {
      expect(cli.env).toEqual({}); // nothing on stdout: the file is the only channel
      expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
      const env = parseEnvLines(readFileSync(settingsFile, "utf8"));
      for (const key of REQUIRED_KEYS) expect(env[key]).toBeTruthy();
      expect(readFileSync(env.ENTRA_CTS_CA_FILE, "utf8")).toMatch(/BEGIN CERTIFICATE/);
      expect(cli.stderr()).toContain(`Settings in ${settingsFile}.`);
      folder = stateFolderOf(env);
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exit).toBe(0);
    expect(existsSync(settingsFile)).toBe(false);
    expect(existsSync(folder)).toBe(false);
  });

  it("replaces an existing file that others could read with a 0600 one", async () => {
    const settingsFile = path.join(scratch, "emulator.env");
    writeFileSync(settingsFile, "OLD=1\n", { mode: 0o644 });
    const cli = await startCli(["--settings-file", settingsFile], launch());
    try {
      expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(settingsFile, "utf8")).not.toContain("OLD=1");
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exit).toBe(0);
  });
});

describe("entra-cts-emulator removes its temp folder (private key) on every exit path", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("%s", async (signal) => {
    const cli = await startCli([], launch());
    const folder = stateFolderOf(cli.env);
    cli.child.kill(signal);
    expect(await cli.exit).toBe(0);
    expect(cli.stderr()).toContain(`stopped (${signal})`);
    expect(existsSync(folder)).toBe(false);
    expect(tempFolders()).toEqual([]);
  });

  it("an uncaught exception (and the --settings-file goes too)", async () => {
    const settingsFile = path.join(scratch, "emulator.env");
    const cli = await startCli(["--settings-file", settingsFile], {
      ...launch(),
      preload: [CRASH_PRELOAD],
    });
    const folder = stateFolderOf(parseEnvLines(readFileSync(settingsFile, "utf8")));
    cli.child.kill("SIGUSR2");
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toContain("crashed: Error: simulated crash");
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(settingsFile)).toBe(false);
  });

  it("a failed start (a snapshot file that is not a snapshot)", () => {
    const snapshot = path.join(scratch, "world.json");
    writeFileSync(snapshot, "not json");
    const result = runCli(["--snapshot", snapshot], launch());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Failed to start");
    expect(tempFolders()).toEqual([]);
  });
});

describe("entra-cts-emulator refuses bad input before it starts or writes anything", () => {
  const missing = () => path.join(scratch, "no-such-folder", "world.json");

  it.each([
    ["--snapshot", () => missing()],
    ["--settings-file", () => missing()],
    ["--state-dir", () => path.join(scratch, "no-such-folder", "state")],
  ])("%s in a folder that does not exist", (flag, target) => {
    const given = target();
    const result = runCli([flag, given], launch());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${flag} ${given}: the folder ${path.dirname(given)} does`);
    expect(result.stderr).toContain("Usage: entra-cts-emulator");
    expect(result.stderr).not.toContain("serving");
    expect(tempFolders()).toEqual([]);
  });

  it("--state-dir naming a file, --snapshot naming a folder", () => {
    const file = path.join(scratch, "a-file");
    writeFileSync(file, "");
    const stateDir = runCli(["--state-dir", file], launch());
    expect(stateDir.status).toBe(2);
    expect(stateDir.stderr).toContain(`--state-dir ${file}: exists and is not a folder.`);
    const snapshot = runCli(["--snapshot", scratch], launch());
    expect(snapshot.status).toBe(2);
    expect(snapshot.stderr).toContain(`--snapshot ${scratch}: is a folder`);
    expect(tempFolders()).toEqual([]);
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--port"], "Option '--port <value>' argument missing"],
    [["--port", "abc"], "--port must be an integer between 0 and 65535, got 'abc'"],
    [["--port", "70000"], "--port must be an integer between 0 and 65535, got '70000'"],
    [["--port", ""], "--port must be an integer between 0 and 65535, got ''"],
    [["--cycle-interval", "soon"], "--cycle-interval must be a number of seconds above 0"],
    [["--knobs", "{"], "--knobs must be JSON"],
    [["--snapshot", ""], "--snapshot needs a path"],
  ])("%j", (args, message) => {
    const settingsFile = path.join(scratch, "emulator.env");
    const result = runCli(["--settings-file", settingsFile, ...args], launch());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: entra-cts-emulator");
    expect(result.stdout).toBe("");
    expect(existsSync(settingsFile)).toBe(false);
    expect(tempFolders()).toEqual([]);
  });
});
