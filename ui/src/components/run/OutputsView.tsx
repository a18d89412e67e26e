/** The values each node produced, as JSON. */
import { Box, Typography } from "@mui/material";
import { useRun } from "../../store/run";
import { Empty } from "./LogView";

export function OutputsView() {
  const run = useRun((s) => s.run);
  const produced = (run?.order ?? []).filter((id) => run?.nodes[id]?.outputs);
  if (!produced.length) return <Empty text="Outputs appear here when nodes finish." />;
  return (
    <Box data-testid="run-outputs" sx={{ p: 1.5, display: "grid", gap: 1 }}>
      {produced.map((id) => (
        <Box key={id}>
          <Typography variant="caption" sx={{ fontFamily: "monospace", fontWeight: 700 }}>{id}</Typography>
          <Box component="pre" sx={{ m: 0, fontSize: 12, bgcolor: "action.hover", p: 1, borderRadius: 1, overflowX: "auto" }}>
            {JSON.stringify(run!.nodes[id].outputs, null, 2)}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
