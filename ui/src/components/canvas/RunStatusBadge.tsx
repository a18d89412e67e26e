/** A node's state in the current run, and its outputs once it is done: short text, a
 * table's first rows, or an image's thumbnail (click for the full size). */
import { Chip, CircularProgress } from "@mui/material";
import type { PortSpec } from "../../api/types";
import { outputViews, portTypesOf, type OutputView } from "../../lib/artifacts";
import { formatDuration, type NodeRun, type NodeRunStatus } from "../../lib/runState";
import { useDialogs } from "../../store/dialogs";

const STATUS_COLORS: Record<NodeRunStatus, "default" | "info" | "success" | "error" | "warning"> = {
  pending: "default", running: "info", succeeded: "success", failed: "error", skipped: "default", cancelled: "warning",
};

export function RunStatusBadge({ nodeId, nodeRun, outputPorts }: { nodeId: string; nodeRun: NodeRun; outputPorts: PortSpec[] }) {
  const { status, durationS, preview, outputs, error } = nodeRun;
  const label = status === "succeeded" || status === "failed" ? `${status} · ${formatDuration(durationS)}` : status;
  const views = outputViews(outputs, preview, portTypesOf(outputPorts)).filter((view) => view.kind !== "text" || view.text);
  return (
    <div className="oct-node__run">
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
      {views.length > 0 && (
        <div data-testid={`node-preview-${nodeId}`} className="oct-preview">
          {views.map((view) => <PortPreview key={view.port} nodeId={nodeId} view={view} />)}
        </div>
      )}
      {error && (
        <div className="oct-node__error" data-testid={`node-error-${nodeId}`}>{error.split("\n").at(-1) || error}</div>
      )}
    </div>
  );
}

function PortPreview({ nodeId, view }: { nodeId: string; view: OutputView }) {
  const showImage = useDialogs((s) => s.showImage);
  const label = <span className="oct-preview__port">{view.port}: </span>;
  switch (view.kind) {
    case "image":
      return (
        <div>
          {label}
          <img data-testid={`node-image-${nodeId}`} className="oct-preview__image nodrag" src={view.src} alt={view.title}
            title="Click to enlarge" onClick={() => showImage({ src: view.src, title: view.title })} />
        </div>
      );
    case "table":
      // nodrag/nowheel: scrolling the rows must not move the node or zoom the canvas.
      return <div>{label}<pre className="oct-preview__table nodrag nowheel">{view.text}</pre></div>;
    case "file":
      return <div className="oct-preview__text">{label}<a className="nodrag" href={view.href} download title="Download">{view.path}</a></div>;
    case "text":
      return <div className="oct-preview__text" title={view.text}>{label}{view.text}</div>;
  }
}
