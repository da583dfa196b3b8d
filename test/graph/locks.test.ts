import { withLock } from "../../src/graph/locks";

describe("withLock", () => {
  it("runs work for the same key one at a time, in arrival order", async () => {
    const events: string[] = [];
    const work = (name: string, ms: number) =>
      withLock("schema:a", async () => {
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`end ${name}`);
      });
    await Promise.all([work("first", 20), work("second", 1), work("third", 1)]);
    expect(events).toEqual([
      "start first",
      "end first",
      "start second",
      "end second",
      "start third",
      "end third",
    ]);
  });

  it("lets different keys run at the same time", async () => {
    const events: string[] = [];
    const work = (key: string, ms: number) =>
      withLock(key, async () => {
        events.push(`start ${key}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`end ${key}`);
      });
    await Promise.all([work("x", 20), work("y", 1)]);
    expect(events).toEqual(["start x", "start y", "end y", "end x"]);
  });

  it("releases the lock when the work fails", async () => {
    await expect(withLock("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    await expect(withLock("k", async () => "next")).resolves.toBe("next");
  });
});
