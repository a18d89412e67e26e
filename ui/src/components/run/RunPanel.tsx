/** The bottom panel: the current (or replayed) run's logs, node states, outputs, and history. */
import KeyboardArrowDown from "@mui/icons-material/KeyboardArrowDown";
import KeyboardArrowUp from "@mui/icons-material/KeyboardArrowUp";
import { Box, Chip, IconButton, Link, Stack, Tab, Tabs, Typography } from "@mui/material";
import { useState } from "react";
import { formatDuration, type RunState } from "../../lib/runState";
import { RUN_STATUS_COLORS } from "./statusColors";
import { useGraph } from "../../store/graph";
import { useRun } from "../../store/run";
import { LogView } from "./LogView";
import { NodeRunTable } from "./NodeRunTable";
import { OutputsView } from "./OutputsView";
import { RunHistory } from "./RunHistory";

type RunTab = "logs" | "nodes" | "outputs" | "history";


export function RunPanel() {
  const run = useRun((s) => s.run);
  const [tab, setTab] = useState<RunTab>("logs");
  const [expanded, setExpanded] = useState(true);

  return (
    <Box component="section" data-testid="run-panel" sx={{ borderTop: 1, borderColor: "divider", bgcolor: "background.paper" }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", px: 1, minHeight: 40 }}>
        <IconButton onClick={() => setExpanded(!expanded)} aria-label={expanded ? "Collapse run panel" : "Expand run panel"}>
          {expanded ? <KeyboardArrowDown /> : <KeyboardArrowUp />}
        </IconButton>
        <Tabs value={tab} onChange={(_, value: RunTab) => { setTab(value); setExpanded(true); }} sx={{ minHeight: 36 }}>
          {(["logs", "nodes", "outputs", "history"] as const).map((name) => (
            <Tab key={name} value={name} label={name[0].toUpperCase() + name.slice(1)} data-testid={`run-tab-${name}`} sx={{ minHeight: 36, py: 0 }} />
          ))}
        </Tabs>
        <Box sx={{ flex: 1 }} />
        {run && <RunSummary run={run} />}
      </Stack>
      {expanded && (
        <Box sx={{ height: 150, overflow: "auto", borderTop: 1, borderColor: "divider" }}>
          {tab === "logs" && <LogView />}
          {tab === "nodes" && <NodeRunTable />}
          {tab === "outputs" && <OutputsView />}
          {tab === "history" && <RunHistory />}
        </Box>
      )}
    </Box>
  );
}

function RunSummary({ run }: { run: RunState }) {
  const select = useGraph((s) => s.select);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center", minWidth: 0, pr: 1 }}
      data-testid="run-summary" data-run-id={run.runId}>
      {run.error && (
        <Typography variant="body2" color="error" noWrap sx={{ maxWidth: 460 }} title={run.error} data-testid="run-error">
          {run.failedNode && (
            <>failed at <Link component="button" onClick={() => select([run.failedNode!])} data-testid="run-failed-node">{run.failedNode}</Link>: </>
          )}
          {run.error}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" noWrap>
        run {run.runId} · {run.engine}{run.durationS !== undefined ? ` · ${formatDuration(run.durationS)}` : ""}
      </Typography>
      <Chip size="small" label={run.status} color={RUN_STATUS_COLORS[run.status]} data-testid="run-status" data-status={run.status} />
    </Stack>
  );
}
