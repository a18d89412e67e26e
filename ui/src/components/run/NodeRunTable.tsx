/** Each node of the run with its state, attempt, duration and error. */
import { Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { formatDuration } from "../../lib/runState";
import { useGraph } from "../../store/graph";
import { useRun } from "../../store/run";
import { Empty } from "./LogView";

export function NodeRunTable() {
  const run = useRun((s) => s.run);
  const select = useGraph((s) => s.select);
  if (!run) return <Empty text="No run yet." />;
  return (
    <Table size="small" stickyHeader>
      <TableHead>
        <TableRow>
          <TableCell>Node</TableCell><TableCell>Status</TableCell><TableCell>Attempt</TableCell>
          <TableCell>Duration</TableCell><TableCell>Error</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {run.order.map((id) => {
          const node = run.nodes[id];
          return (
            <TableRow key={id} hover onClick={() => select([id])} sx={{ cursor: "pointer" }} data-testid={`run-node-${id}`}>
              <TableCell sx={{ fontFamily: "monospace" }}>{id}</TableCell>
              <TableCell>{node?.status}</TableCell>
              <TableCell>{node?.attempt || ""}</TableCell>
              <TableCell>{formatDuration(node?.durationS)}</TableCell>
              <TableCell sx={{ color: "error.main", whiteSpace: "pre-wrap" }}>{node?.error}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
