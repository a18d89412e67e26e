/** A node's state in the current run, and the preview of its outputs once it is done. */
import { Box, Chip, CircularProgress, Typography } from "@mui/material";
import { formatDuration, type NodeRun, type NodeRunStatus } from "../../lib/runState";

const STATUS_COLORS: Record<NodeRunStatus, "default" | "info" | "success" | "error" | "warning"> = {
  pending: "default", running: "info", succeeded: "success", failed: "error", skipped: "default", cancelled: "warning",
};

export function RunStatusBadge({ nodeId, nodeRun }: { nodeId: string; nodeRun: NodeRun }) {
  const { status, durationS, preview, error } = nodeRun;
  const label = status === "succeeded" || status === "failed" ? `${status} · ${formatDuration(durationS)}` : status;
  return (
    <Box sx={{ px: 1, pb: 0.75, borderTop: 1, borderColor: "divider", pt: 0.5 }}>
      <Chip
        data-testid={`node-status-${nodeId}`}
        data-status={status}
        size="small"
        color={STATUS_COLORS[status]}
        variant={status === "pending" ? "outlined" : "filled"}
        icon={status === "running" ? <CircularProgress size={12} color="inherit" /> : undefined}
        label={label}
        sx={{ height: 20, fontSize: 11 }}
      />
      {preview && Object.keys(preview).length > 0 && (
        <Box data-testid={`node-preview-${nodeId}`} sx={{ mt: 0.5, fontFamily: "monospace", fontSize: 11, bgcolor: "action.hover", borderRadius: 1, px: 0.75, py: 0.25 }}>
          {Object.entries(preview).map(([port, text]) => (
            <Typography key={port} variant="caption" component="div" title={text}
              sx={{ fontFamily: "inherit", wordBreak: "break-word", display: "-webkit-box", WebkitLineClamp: 3, WebkitBoxOrient: "vertical", overflow: "hidden" }}>
              <Box component="span" sx={{ color: "text.secondary" }}>{port}: </Box>{text}
            </Typography>
          ))}
        </Box>
      )}
      {error && (
        <Typography variant="caption" color="error" component="div" sx={{ mt: 0.5, wordBreak: "break-word" }}
          data-testid={`node-error-${nodeId}`}>
          {error.split("\n").at(-1) || error}
        </Typography>
      )}
    </Box>
  );
}
