import { describe, expect, it } from "vitest";
import { textToValue, valueToText } from "./paramValues";

describe("textToValue", () => {
  it("reads each parameter type", () => {
    expect(textToValue("3", "integer")).toBe(3);
    expect(textToValue("2.5", "number")).toBe(2.5);
    expect(textToValue("true", "boolean")).toBe(true);
    expect(textToValue("1, 2, 3", "array")).toEqual([1, 2, 3]);
    expect(textToValue('["a"]', "array")).toEqual(["a"]);
    expect(textToValue('{"k": 1}', "object")).toEqual({ k: 1 });
    expect(textToValue(" hi ", "string")).toBe(" hi ");
  });

  it("treats empty text as no value and reports bad text", () => {
    expect(textToValue("  ", "number")).toBeUndefined();
    expect(textToValue("2.5", "integer")).toBeInstanceOf(Error);
    expect(textToValue("[1,", "array")).toBeInstanceOf(Error);
  });

  it("round-trips through text", () => {
    expect(textToValue(valueToText([1, 2]), "array")).toEqual([1, 2]);
  });
});
