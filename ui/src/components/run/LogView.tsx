/** The run's log lines as they arrive, optionally for one node. */
import { Box, MenuItem, TextField, Typography } from "@mui/material";
import { useEffect, useRef, useState } from "react";
import { useRun } from "../../store/run";

const ALL = "__all__";

export function LogView() {
  const run = useRun((s) => s.run);
  const [nodeFilter, setNodeFilter] = useState(ALL);
  const end = useRef<HTMLDivElement>(null);
  const logs = (run?.logs ?? []).filter((line) => nodeFilter === ALL || line.nodeId === nodeFilter);

  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [logs.length]);

  if (!run) return <Empty text="Run the pipeline to see its logs here." />;
  return (
    <Box sx={{ display: "flex", flexDirection: "column", height: "100%" }}>
      <Box sx={{ px: 1, py: 0.5, position: "sticky", top: 0, bgcolor: "background.paper", zIndex: 1 }}>
        <TextField select value={nodeFilter} onChange={(e) => setNodeFilter(e.target.value)} sx={{ width: 200 }}
          slotProps={{ select: { SelectDisplayProps: { "data-testid": "log-filter" } as object } }}>
          <MenuItem value={ALL}>All nodes</MenuItem>
          {run.order.map((id) => <MenuItem key={id} value={id}>{id}</MenuItem>)}
        </TextField>
      </Box>
      <Box component="pre" data-testid="run-logs" sx={{ m: 0, px: 1.5, pb: 1, fontSize: 12, fontFamily: "monospace", whiteSpace: "pre-wrap" }}>
        {logs.length === 0 && <Typography variant="caption" color="text.secondary">No log lines yet.</Typography>}
        {logs.map((line) => (
          <Box key={line.seq} data-testid="log-line" data-node={line.nodeId}
            sx={{ color: line.stream === "stderr" ? "error.main" : undefined }}>
            <Box component="span" sx={{ color: "text.secondary" }}>{new Date(line.ts * 1000).toLocaleTimeString()} </Box>
            <Box component="span" sx={{ color: "primary.main" }}>[{line.nodeId}]</Box> {line.message}
          </Box>
        ))}
        <div ref={end} />
      </Box>
    </Box>
  );
}

export function Empty({ text }: { text: string }) {
  return <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>{text}</Typography>;
}
