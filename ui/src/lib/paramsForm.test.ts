import type { RJSFSchema } from "@rjsf/utils";
import { describe, expect, it } from "vitest";
import { formSchemas, formatNumberList, isNumberList, isParamRef, parseNumberList } from "./paramsForm";

const numbersSchema: RJSFSchema = {
  type: "object",
  required: ["values"],
  properties: {
    values: { type: "array", title: "Values", items: { anyOf: [{ type: "integer" }, { type: "number" }] } },
    note: { type: "string", format: "textarea" },
  },
};

describe("parseNumberList", () => {
  it("reads commas, spaces and semicolons", () => {
    expect(parseNumberList("1, 2, 3, 4, 5")).toEqual({ values: [1, 2, 3, 4, 5], invalid: [] });
    expect(parseNumberList(" 1.5;-2  3e2 ")).toEqual({ values: [1.5, -2, 300], invalid: [] });
  });

  it("reports what is not a number", () => {
    expect(parseNumberList("1, two, 3")).toEqual({ values: [1, 3], invalid: ["two"] });
  });

  it("round-trips through formatting", () => {
    expect(parseNumberList(formatNumberList([1, 2.5, 3])).values).toEqual([1, 2.5, 3]);
  });
});

describe("formSchemas", () => {
  it("uses the comma-list field for arrays of numbers and a textarea for long text", () => {
    const { uiSchema } = formSchemas(numbersSchema, {});
    expect(uiSchema.values).toEqual({ "ui:field": "numberList" });
    expect(uiSchema.note).toMatchObject({ "ui:widget": "textarea" });
  });

  it("shows an optional field as its type, without a choice of 'option 1' or null", () => {
    const optional: RJSFSchema = {
      type: "object",
      properties: {
        sheet: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Sheet", description: "d" },
        limit: { anyOf: [{ type: "integer", minimum: 1 }, { type: "null" }], default: 5 },
        either: { anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }], default: null },
      },
    };
    const properties = formSchemas(optional, {}).schema.properties as Record<string, RJSFSchema>;
    expect(properties.sheet).toEqual({ type: "string", title: "Sheet", description: "d" });
    expect(properties.limit).toEqual({ type: "integer", minimum: 1, default: 5 });
    expect(properties.either).toEqual({ anyOf: [{ type: "string" }, { type: "integer" }] });
  });

  it("shows the settings of the chosen option, or of the default one", () => {
    const train: RJSFSchema = {
      type: "object",
      properties: { estimator: { enum: ["forest", "linear"], default: "forest" } },
      dependencies: {
        estimator: {
          oneOf: [
            { properties: { estimator: { enum: ["forest"] }, trees: { type: "integer" } } },
            { properties: { estimator: { enum: ["linear"] }, intercept: { type: "boolean" } } },
          ],
        },
      },
    };
    const fields = (values: Record<string, unknown>) => Object.keys(formSchemas(train, values).schema.properties ?? {});
    expect(fields({})).toEqual(["estimator", "trees"]);
    expect(fields({ estimator: "linear" })).toEqual(["estimator", "intercept"]);
    expect(fields({ estimator: "${params.model}" })).toEqual(["estimator"]);
    expect(formSchemas(train, {}).schema.dependencies).toBeUndefined();
  });

  it("shows a field bound to a pipeline parameter as the reference", () => {
    const { schema, uiSchema } = formSchemas(numbersSchema, { values: "${params.numbers}" });
    expect((schema.properties as Record<string, { type: string }>).values.type).toBe("string");
    expect(uiSchema.values).toBeUndefined();
  });
});

describe("helpers", () => {
  it("recognises whole parameter references only", () => {
    expect(isParamRef("${params.n}")).toBe(true);
    expect(isParamRef("n = ${params.n}")).toBe(false);
  });

  it("recognises lists of numbers", () => {
    expect(isNumberList({ type: "array", items: { type: "number" } })).toBe(true);
    expect(isNumberList({ type: "array", items: { type: "string" } })).toBe(false);
  });
});
