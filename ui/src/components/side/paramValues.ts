/** Text <-> typed values for pipeline parameters, shared by the params editor and the run dialog. */
import type { ParamType } from "../../api/types";
import { parseNumberList } from "../../lib/paramsForm";

export function valueToText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return value.join(", ");
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The typed value, `undefined` for empty text, or an Error saying what is wrong. */
export function textToValue(text: string, type: ParamType): unknown {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  switch (type) {
    case "string":
      return text;
    case "number":
    case "integer": {
      const n = Number(trimmed);
      if (!Number.isFinite(n) || (type === "integer" && !Number.isInteger(n))) return new Error(`not ${type === "integer" ? "an integer" : "a number"}`);
      return n;
    }
    case "boolean":
      return trimmed === "true" ? true : trimmed === "false" ? false : new Error("true or false");
    case "array": {
      if (!trimmed.startsWith("[")) {
        // A plain list of numbers is easier to type than JSON.
        const { values, invalid } = parseNumberList(trimmed);
        return invalid.length ? new Error("a JSON array, or numbers separated by commas") : values;
      }
      return parseJson(trimmed, Array.isArray, "a JSON array");
    }
    case "object":
      return parseJson(trimmed, (v) => typeof v === "object" && v !== null && !Array.isArray(v), "a JSON object");
  }
}

function parseJson(text: string, ok: (value: unknown) => boolean, expected: string): unknown {
  try {
    const value = JSON.parse(text);
    return ok(value) ? value : new Error(expected);
  } catch {
    return new Error(expected);
  }
}
