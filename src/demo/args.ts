/** The flags of `npm run demo`: there are none to tune, so anything but --help is a mistake. */

export class DemoUsageError extends Error {}

export const DEMO_HELP = `Usage: npm run demo [-- --help]

Rehearses examples/tenant-pair end to end against the local emulator, with the Pulumi CLI:
starts the emulator, deploys into a throwaway local backend, runs a provisioning cycle and
prints the target tenant's users, changes a partner policy as an admin would in the portal,
shows \`pulumi preview --refresh\` catching it, runs the policy pack, destroys, and removes
everything it created. Needs Node and the Pulumi CLI (https://www.pulumi.com/docs/install/).
`;

export function parseDemoArgs(argv: readonly string[]): "run" | "help" {
  if (argv.length === 0) return "run";
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) return "help";
  const unknown = argv.find((arg) => arg !== "--help" && arg !== "-h") ?? argv[0];
  throw new DemoUsageError(
    `unknown argument ${JSON.stringify(unknown)}: the demo takes no arguments except --help.`,
  );
}
