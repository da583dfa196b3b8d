import { unknownCheckingProxy } from "@pulumi/policy";
import {
  read,
  readArray,
  readBoolean,
  readNumber,
  readString,
  UNKNOWN,
} from "../../../policies/lib/known";
import { UNKNOWN_VALUE } from "../policyArgs";

const BOOLEAN_SENTINEL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

describe("known-value readers", () => {
  it("should return UNKNOWN where the analyzer's proxy would throw", () => {
    const props = unknownCheckingProxy({ id: UNKNOWN_VALUE, nested: { flag: BOOLEAN_SENTINEL } });
    expect(() => props.id).toThrow("can't be known during preview");
    expect(readString(props, "id")).toBe(UNKNOWN);
    expect(readBoolean(read(props, "nested"), "flag")).toBe(UNKNOWN);
  });

  it("should return UNKNOWN for raw sentinels (props without the proxy)", () => {
    expect(readString({ id: UNKNOWN_VALUE }, "id")).toBe(UNKNOWN);
    expect(readNumber({ count: "3eeb2bf0-c639-47a8-9e75-3b44932eb421" }, "count")).toBe(UNKNOWN);
  });

  it("should propagate UNKNOWN through a container that is unknown", () => {
    expect(readBoolean(UNKNOWN, "flag")).toBe(UNKNOWN);
  });

  it("should read known values, and undefined for absent or mistyped ones", () => {
    const props = unknownCheckingProxy({ name: "x", enabled: false, threshold: 5 });
    expect(readString(props, "name")).toBe("x");
    expect(readBoolean(props, "enabled")).toBe(false);
    expect(readNumber(props, "threshold")).toBe(5);
    expect(readString(props, "missing")).toBeUndefined();
    expect(readBoolean(props, "name")).toBeUndefined();
    expect(readString(undefined, "name")).toBeUndefined();
  });

  it("should read arrays element by element, marking unknown elements", () => {
    const props = unknownCheckingProxy({ list: [{ a: 1 }, UNKNOWN_VALUE], gone: UNKNOWN_VALUE });
    const list = readArray(props, "list");
    expect(Array.isArray(list) && list[1]).toBe(UNKNOWN);
    expect(Array.isArray(list) && read(list[0], "a")).toBe(1);
    expect(readArray(props, "gone")).toBe(UNKNOWN);
    expect(readArray(props, "absent")).toBeUndefined();
  });

  it("should rethrow errors that are not about unknown values", () => {
    const exploding = new Proxy(
      {},
      {
        get: () => {
          throw new Error("boom");
        },
      },
    );
    expect(() => read(exploding, "x")).toThrow("boom");
  });
});
