import { currentDeadline, withDeadline } from "../../src/graph/deadline";

describe("operation deadline", () => {
  it("is shared by everything an operation awaits, and absent outside one", async () => {
    expect(currentDeadline()).toBeUndefined();
    const before = Date.now();
    await withDeadline(5000, async () => {
      const first = currentDeadline()!;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(currentDeadline()).toBe(first);
      expect(first).toBeGreaterThanOrEqual(before + 5000);
      expect(first).toBeLessThanOrEqual(Date.now() + 5000);
    });
    expect(currentDeadline()).toBeUndefined();
  });
});
