/** Turns a node's params_schema into what the properties form shows. */
import type { RJSFSchema, UiSchema } from "@rjsf/utils";

const PARAM_REF = /^\$\{params\.[A-Za-z_][A-Za-z0-9_]*\}$/;

/** A whole value `${params.name}` takes a pipeline parameter. */
export function isParamRef(value: unknown): value is string {
  return typeof value === "string" && PARAM_REF.test(value);
}

type Schema = RJSFSchema & { format?: string };

function isNumeric(schema: Schema | undefined): boolean {
  if (!schema || typeof schema !== "object") return false;
  if (schema.type === "number" || schema.type === "integer") return true;
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  return !!options?.length && options.every(isNumeric);
}

export function isNumberList(schema: Schema): boolean {
  return schema.type === "array" && isNumeric(schema.items as Schema);
}

/** `X | None` in a parameter model is anyOf [X, null]: rjsf would draw a choice between
 * "option 1" and "option 2". An empty field already means "not set", so show X alone. */
function withoutNull(schema: Schema): Schema {
  const options = schema.anyOf as Schema[] | undefined;
  if (!options?.some((option) => option.type === "null")) return schema;
  const rest = options.filter((option) => option.type !== "null");
  const { anyOf: _anyOf, default: fallback, ...outer } = schema;
  const kept = fallback === null ? outer : { ...outer, default: fallback };
  return rest.length === 1 ? { ...rest[0], ...kept } : { ...kept, anyOf: rest };
}

/** JSON Schema `dependencies` with one `oneOf` branch per value of a field (ml.train's
 * settings per estimator): merge in the branch that the field's current value, or its
 * default, picks. rjsf would pick none until the field is set, and defaults stay unset here. */
function withChosenBranches(schema: Schema, values: Record<string, unknown>): Schema {
  const dependencies = schema.dependencies as Record<string, { oneOf?: Schema[] }> | undefined;
  if (!dependencies) return schema;
  let properties = { ...(schema.properties as Record<string, Schema>) };
  for (const [key, dependency] of Object.entries(dependencies)) {
    const current = values[key] ?? properties[key]?.default;
    const branch = dependency.oneOf?.find((option) =>
      ((option.properties?.[key] as Schema | undefined)?.enum ?? []).includes(current as never));
    if (!branch) continue;
    const { [key]: _choice, ...fields } = branch.properties as Record<string, Schema>;
    properties = { ...properties, ...fields };
  }
  const { dependencies: _dependencies, ...rest } = schema;
  return { ...rest, properties };
}

/**
 * The form's schema and UI schema for a node's current values:
 * - fields that depend on another field's value (JSON Schema dependencies) follow it;
 * - an optional field (`X | None`) is shown as X; left empty, it is not set;
 * - a field bound to a pipeline parameter is shown as that reference (a string), so the
 *   form does not flag it; clearing it brings the typed field back;
 * - a list of numbers is one text field taking `1, 2, 3`;
 * - text formats the catalog declares (textarea, code) get a multi-line box.
 */
export function formSchemas(original: Schema, values: Record<string, unknown>): { schema: Schema; uiSchema: UiSchema } {
  const schema = withChosenBranches(original, values);
  const properties: Record<string, Schema> = { ...(schema.properties as Record<string, Schema>) };
  const uiSchema: UiSchema = { "ui:submitButtonOptions": { norender: true } };
  for (const [name, original] of Object.entries(properties)) {
    const property = withoutNull(original);
    properties[name] = property;
    if (isParamRef(values[name])) {
      properties[name] = {
        type: "string", title: property.title, pattern: PARAM_REF.source,
        description: "Bound to a pipeline parameter. Clear it to enter a value here.",
      };
    } else if (isNumberList(property)) {
      uiSchema[name] = { "ui:field": "numberList" };
    } else if (property.format === "textarea" || property.format === "code") {
      uiSchema[name] = { "ui:widget": "textarea", "ui:options": { rows: property.format === "code" ? 8 : 3 } };
    }
  }
  // The panel's header already names the node; the model's title ("NumbersParams") is noise.
  const { title: _modelName, ...rest } = schema;
  return { schema: { ...rest, properties }, uiSchema };
}

/** "1, 2 3;4" -> [1, 2, 3, 4]; the text of anything that is not a number is reported. */
export function parseNumberList(text: string): { values: number[]; invalid: string[] } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values: number[] = [];
  const invalid: string[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (Number.isFinite(value)) values.push(value);
    else invalid.push(part);
  }
  return { values, invalid };
}

export function formatNumberList(values: unknown): string {
  return Array.isArray(values) ? values.join(", ") : "";
}
