import { describe, expect, it } from "vitest";
import type { PortSpec } from "../api/types";
import { accepts, compatible, refusal } from "./compat";

const port = (over: Partial<PortSpec>): PortSpec =>
  ({ name: "values", type: "array", description: "", required: true, many: false, items: "any", ...over });

describe("compatible", () => {
  it("accepts equal types, any on either side, and integer into number", () => {
    expect(compatible("string", "string")).toBe(true);
    expect(compatible("any", "table")).toBe(true);
    expect(compatible("table", "any")).toBe(true);
    expect(compatible("integer", "number")).toBe(true);
  });

  it("refuses the rest, including number into integer", () => {
    expect(compatible("string", "array")).toBe(false);
    expect(compatible("number", "integer")).toBe(false);
  });
});

describe("accepts", () => {
  it("lets a many port take its item type", () => {
    const sum = port({ many: true, items: "number" });
    expect(accepts(sum, "array")).toBe(true);
    expect(accepts(sum, "number")).toBe(true);
    expect(accepts(sum, "integer")).toBe(true);
    expect(accepts(sum, "string")).toBe(false);
  });

  it("does not let a single port take an item type", () => {
    expect(accepts(port({ items: "number" }), "number")).toBe(false);
  });
});

describe("refusal", () => {
  it("says which types clash", () => {
    expect(refusal(port({ many: true, items: "number" }), "string", "text.text"))
      .toBe("text.text is string, but input 'values' takes array or number");
    expect(refusal(port({}), "array", "numbers.values")).toBeNull();
  });
});
