/** Shown when no node is selected: the pipeline's name, description and parameters. */
import { Alert, Stack, TextField, Typography } from "@mui/material";
import { useGraph } from "../../store/graph";
import { useIssues } from "../../store/issues";
import { PipelineParamsEditor } from "./PipelineParamsEditor";

export function PipelineProperties() {
  const meta = useGraph((s) => s.meta);
  const setMeta = useGraph((s) => s.setMeta);
  const pipelineIssues = useIssues((s) => s.issues).filter((issue) => !issue.node);

  return (
    <Stack spacing={1.5} data-testid="pipeline-properties">
      <Typography variant="subtitle1">Pipeline</Typography>
      <TextField label="Name" required value={meta.name} onChange={(e) => setMeta({ name: e.target.value })}
        slotProps={{ htmlInput: { "data-testid": "pipeline-name" } }} />
      <TextField label="Description" multiline minRows={2} value={meta.description}
        onChange={(e) => setMeta({ description: e.target.value })} />
      {pipelineIssues.length > 0 && (
        <Alert severity="error">
          {pipelineIssues.map((i) => <div key={`${i.field}:${i.message}`}>{i.field && <b>{i.field}: </b>}{i.message}</div>)}
        </Alert>
      )}
      <PipelineParamsEditor />
      <Typography variant="caption" color="text.secondary">
        A node parameter set to <code>{"${params.name}"}</code> takes the pipeline parameter's value, which each run can change.
      </Typography>
    </Stack>
  );
}
