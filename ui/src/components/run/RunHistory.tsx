/** Past runs: of the saved pipeline on the canvas, or of all. Clicking one reopens it: its
 * pipeline onto the canvas, its events onto the nodes and this panel. */
import { Chip, CircularProgress, FormControlLabel, Switch, Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { useState } from "react";
import { reopenRun } from "../../actions/runs";
import { useRunHistory } from "../../api/hooks";
import { useGraph } from "../../store/graph";
import { useRun } from "../../store/run";
import { Empty } from "./LogView";
import { RUN_STATUS_COLORS } from "./statusColors";

export function RunHistory() {
  const savedId = useGraph((s) => s.savedAs?.id ?? null);
  const [allPipelines, setAllPipelines] = useState(false);
  const { data: runs, isLoading } = useRunHistory(allPipelines ? null : savedId);
  const currentId = useRun((s) => s.run?.runId);
  return (
    <>
      {savedId && (
        <FormControlLabel sx={{ px: 1.5 }} label="Runs of all pipelines"
          control={<Switch size="small" checked={allPipelines} onChange={(e) => setAllPipelines(e.target.checked)}
            slotProps={{ input: { "data-testid": "history-all" } as object }} />} />
      )}
      {isLoading && <CircularProgress size={20} sx={{ m: 2 }} />}
      {runs?.length === 0 && <Empty text={savedId && !allPipelines ? "This pipeline has not run yet." : "No runs yet."} />}
      {!!runs?.length && (
        <Table size="small" stickyHeader data-testid="run-history">
          <TableHead>
            <TableRow>
              <TableCell>Run</TableCell><TableCell>Pipeline</TableCell><TableCell>Engine</TableCell>
              <TableCell>Status</TableCell><TableCell>Started</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {runs.map((run) => (
              <TableRow key={run.id} hover selected={run.id === currentId} onClick={() => void reopenRun(run.id)}
                sx={{ cursor: "pointer" }} data-testid={`history-${run.id}`}>
                <TableCell sx={{ fontFamily: "monospace" }}>{run.id}</TableCell>
                <TableCell>{run.pipeline_name}</TableCell>
                <TableCell>{run.engine}</TableCell>
                <TableCell><Chip size="small" label={run.status} color={RUN_STATUS_COLORS[run.status]} variant="outlined" /></TableCell>
                <TableCell>{new Date(run.created_at).toLocaleString()}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
