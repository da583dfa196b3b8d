/**
 * Preloaded into the CLI by the exit-path tests: SIGUSR2 throws from an event listener, which is
 * an uncaught exception inside the running CLI, the crash its cleanup must survive.
 */
process.on("SIGUSR2", () => {
  throw new Error("simulated crash for the exit-path test");
});
