/** Past runs; clicking one replays its events onto the canvas and this panel. */
import { Chip, CircularProgress, Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { replayRun } from "../../actions/runs";
import { useRunHistory } from "../../api/hooks";
import { useRun } from "../../store/run";
import { Empty } from "./LogView";
import { RUN_STATUS_COLORS } from "./statusColors";

export function RunHistory() {
  const { data: runs, isLoading } = useRunHistory(true);
  const currentId = useRun((s) => s.run?.runId);
  if (isLoading) return <CircularProgress size={20} sx={{ m: 2 }} />;
  if (!runs?.length) return <Empty text="No runs yet." />;
  return (
    <Table size="small" stickyHeader data-testid="run-history">
      <TableHead>
        <TableRow>
          <TableCell>Run</TableCell><TableCell>Pipeline</TableCell><TableCell>Engine</TableCell>
          <TableCell>Status</TableCell><TableCell>Started</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map((run) => (
          <TableRow key={run.id} hover selected={run.id === currentId} onClick={() => replayRun(run.id, run.engine)}
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
  );
}
