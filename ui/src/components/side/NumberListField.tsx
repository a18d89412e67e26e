/** A list of numbers typed as text: `1, 2, 3, 4, 5`. Used by the params form for any
 * array whose items are numbers. */
import { TextField } from "@mui/material";
import type { FieldProps } from "@rjsf/utils";
import { useEffect, useState } from "react";
import { formatNumberList, parseNumberList } from "../../lib/paramsForm";

export function NumberListField({ formData, onChange, fieldPathId, schema, name, required, rawErrors, disabled, readonly }: FieldProps) {
  const [text, setText] = useState(() => formatNumberList(formData));
  const [invalid, setInvalid] = useState<string[]>([]);

  // Follow changes from outside (undo, another selection) unless they are what we typed.
  useEffect(() => {
    setText((current) =>
      JSON.stringify(parseNumberList(current).values) === JSON.stringify(formData ?? []) ? current : formatNumberList(formData));
  }, [formData]);

  const onText = (value: string) => {
    setText(value);
    const parsed = parseNumberList(value);
    setInvalid(parsed.invalid);
    if (!parsed.invalid.length) onChange(parsed.values.length ? parsed.values : undefined, fieldPathId.path);
  };

  const errors = invalid.length ? [`not a number: ${invalid.join(", ")}`] : rawErrors ?? [];
  return (
    <TextField
      id={fieldPathId.$id}
      fullWidth
      label={schema.title ?? name}
      required={required}
      disabled={disabled || readonly}
      value={text}
      placeholder="1, 2, 3"
      onChange={(e) => onText(e.target.value)}
      error={errors.length > 0}
      helperText={errors.length ? errors.join("; ") : `${schema.description ?? ""} Separate numbers with commas.`.trim()}
      slotProps={{ htmlInput: { "data-testid": `param-${name}` } }}
    />
  );
}
