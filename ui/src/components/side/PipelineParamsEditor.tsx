/** Add, rename, retype and remove pipeline parameters and their defaults. */
import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutlined";
import { Box, Button, IconButton, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from "@mui/material";
import { useState } from "react";
import type { ParamType, PipelineParam } from "../../api/types";
import { uniquePortName } from "../../lib/pipeline";
import { useGraph } from "../../store/graph";
import { textToValue, valueToText } from "./paramValues";

const PARAM_TYPES: ParamType[] = ["string", "number", "integer", "boolean", "array", "object"];

export function PipelineParamsEditor() {
  const params = useGraph((s) => s.meta.params);
  const setMeta = useGraph((s) => s.setMeta);
  const entries = Object.entries(params);

  const replace = (oldName: string, newName: string, spec: PipelineParam) =>
    setMeta({ params: Object.fromEntries(entries.map(([n, p]) => (n === oldName ? [newName, spec] : [n, p]))) });
  const remove = (name: string) => setMeta({ params: Object.fromEntries(entries.filter(([n]) => n !== name)) });
  const add = () => setMeta({ params: { ...params, [uniquePortName("param", new Set(Object.keys(params)))]: { type: "string" } } });

  return (
    <Stack spacing={1}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="subtitle2">Parameters</Typography>
        <Button startIcon={<Add />} onClick={add} data-testid="add-pipeline-param">Add</Button>
      </Stack>
      {entries.length === 0 && <Typography variant="body2" color="text.secondary">No parameters.</Typography>}
      {entries.map(([name, spec]) => (
        <ParamRow key={name} name={name} spec={spec} taken={new Set(Object.keys(params))}
          onChange={(newName, newSpec) => replace(name, newName, newSpec)} onRemove={() => remove(name)} />
      ))}
    </Stack>
  );
}

interface ParamRowProps {
  name: string;
  spec: PipelineParam;
  taken: Set<string>;
  onChange: (name: string, spec: PipelineParam) => void;
  onRemove: () => void;
}

function ParamRow({ name, spec, taken, onChange, onRemove }: ParamRowProps) {
  const [nameText, setNameText] = useState(name);
  const [defaultText, setDefaultText] = useState(valueToText(spec.default));
  const parsedDefault = textToValue(defaultText, spec.type);
  const nameError = !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameText) ? "letters, digits, _"
    : nameText !== name && taken.has(nameText) ? "already used" : "";

  const commitName = () => {
    if (!nameError && nameText !== name) onChange(nameText, spec);
  };
  const onDefault = (text: string) => {
    setDefaultText(text);
    const value = textToValue(text, spec.type);
    if (!(value instanceof Error)) onChange(name, withDefault(spec, value));
  };

  return (
    <Paper variant="outlined" sx={{ p: 1 }}>
      <Box sx={{ display: "grid", gridTemplateColumns: "1fr 96px auto", gap: 1, alignItems: "start" }}>
        <TextField label="Name" value={nameText} onChange={(e) => setNameText(e.target.value)} onBlur={commitName}
          onKeyDown={(e) => e.key === "Enter" && commitName()} error={!!nameError} helperText={nameError || undefined} />
        <TextField select label="Type" value={spec.type}
          onChange={(e) => {
            const type = e.target.value as ParamType;
            const value = textToValue(defaultText, type);
            onChange(name, withDefault({ ...spec, type }, value instanceof Error ? undefined : value));
          }}>
          {PARAM_TYPES.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
        </TextField>
        <Tooltip title="Remove parameter">
          <IconButton onClick={onRemove} sx={{ mt: 0.5 }}><DeleteOutline fontSize="small" /></IconButton>
        </Tooltip>
      </Box>
      <TextField fullWidth label="Default" sx={{ mt: 1 }} value={defaultText} onChange={(e) => onDefault(e.target.value)}
        placeholder={spec.type === "array" ? "1, 2, 3 or JSON" : "none: required per run"}
        error={parsedDefault instanceof Error}
        helperText={parsedDefault instanceof Error ? `Expected ${parsedDefault.message}` : undefined} />
      <TextField fullWidth label="Description" sx={{ mt: 1 }} value={spec.description ?? ""}
        onChange={(e) => onChange(name, { ...spec, description: e.target.value || undefined })} />
    </Paper>
  );
}

function withDefault(spec: PipelineParam, value: unknown): PipelineParam {
  const { default: _old, ...rest } = spec;
  return value === undefined ? rest : { ...rest, default: value };
}
