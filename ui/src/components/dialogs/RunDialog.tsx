/** Values for the pipeline's parameters before a run; defaults are filled in. */
import {
  Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField,
} from "@mui/material";
import { useState } from "react";
import { startRun } from "../../actions/runs";
import type { PipelineParam } from "../../api/types";
import { useDialogs } from "../../store/dialogs";
import { useGraph } from "../../store/graph";
import { usePrefs } from "../../store/prefs";
import { textToValue, valueToText } from "../side/paramValues";

export function RunDialog() {
  const open = useDialogs((s) => s.open === "run");
  const close = useDialogs((s) => s.close);
  const params = useGraph((s) => s.meta.params);
  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth>
      {/* Mounted per opening, so the fields start from the current defaults. */}
      {open && <RunForm params={params} onDone={close} />}
    </Dialog>
  );
}

function RunForm({ params, onDone }: { params: Record<string, PipelineParam>; onDone: () => void }) {
  const engine = usePrefs((s) => s.engine);
  const [texts, setTexts] = useState(() =>
    Object.fromEntries(Object.entries(params).map(([name, spec]) => [name, valueToText(spec.default)])));
  const values = Object.fromEntries(Object.entries(params).map(([name, spec]) => [name, textToValue(texts[name], spec.type)]));
  const hasErrors = Object.values(values).some((v) => v instanceof Error);

  const run = () => {
    const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    onDone();
    void startRun(engine, given);
  };

  return (
    <form onSubmit={(e) => { e.preventDefault(); if (!hasErrors) run(); }}>
      <DialogTitle>Run parameters</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {Object.entries(params).map(([name, spec], index) => {
            const value = values[name];
            return (
              <TextField
                key={name} label={`${name} (${spec.type})`} value={texts[name]} autoFocus={index === 0}
                onChange={(e) => setTexts({ ...texts, [name]: e.target.value })}
                error={value instanceof Error}
                helperText={value instanceof Error ? `Expected ${value.message}` : spec.description || (spec.default === undefined ? "Required" : " ")}
                slotProps={{ htmlInput: { "data-testid": `run-param-${name}` } }}
              />
            );
          })}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={hasErrors} data-testid="run-dialog-start">Run</Button>
      </DialogActions>
    </form>
  );
}
