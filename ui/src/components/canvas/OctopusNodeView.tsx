/** The one node component: it draws any NodeSpec from the catalog, with its ports,
 * its validation issues, and its state during and after a run. */
import ErrorOutline from "@mui/icons-material/ErrorOutlined";
import { Box, Paper, Tooltip, Typography } from "@mui/material";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useSpecsByType } from "../../api/hooks";
import type { PortSpec } from "../../api/types";
import type { OctopusNode } from "../../lib/pipeline";
import { issuesOf, useIssues } from "../../store/issues";
import { useRun } from "../../store/run";
import { CATEGORY_COLORS, portColor } from "../../theme";
import { NodeIcon } from "../NodeIcon";
import { NEW_PORT, useInputPorts } from "./ports";
import { RunStatusBadge } from "./RunStatusBadge";

export const OctopusNodeView = memo(function OctopusNodeView({ id, data, selected }: NodeProps<OctopusNode>) {
  const spec = useSpecsByType().get(data.type);
  const inputs = useInputPorts(id, spec);
  const issues = issuesOf(useIssues((s) => s.issues), id);
  const nodeRun = useRun((s) => s.run?.nodes[id]);
  const accent = spec ? CATEGORY_COLORS[spec.category] : "#9e9e9e";
  const hasIssues = issues.length > 0;

  return (
    <Paper
      data-testid={`node-${id}`}
      elevation={selected ? 6 : 1}
      sx={{
        width: 180, borderRadius: 2, overflow: "visible", border: 2,
        borderColor: hasIssues ? "error.main" : selected ? "primary.main" : "divider",
      }}
    >
      <Box sx={{ display: "flex", alignItems: "center", gap: 0.75, px: 1, py: 0.75, borderTop: 4, borderColor: accent, borderRadius: "6px 6px 0 0" }}>
        <NodeIcon name={spec?.icon ?? "circle"} fontSize="small" sx={{ color: accent }} />
        <Box sx={{ minWidth: 0, flex: 1 }}>
          <Typography variant="subtitle2" noWrap sx={{ lineHeight: 1.2 }}>{data.label || spec?.title || data.type}</Typography>
          <Typography variant="caption" noWrap component="div" sx={{ fontFamily: "monospace", color: "text.secondary", lineHeight: 1.2 }}>
            {id}
          </Typography>
        </Box>
        {hasIssues && (
          <Tooltip title={<IssueList messages={issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message))} />}>
            <ErrorOutline data-testid={`node-issues-${id}`} color="error" fontSize="small" />
          </Tooltip>
        )}
      </Box>
      {!spec && <Typography variant="caption" color="error" sx={{ px: 1 }}>Unknown node type {data.type}</Typography>}
      <Box sx={{ display: "flex", justifyContent: "space-between", py: 0.5 }}>
        <Box sx={{ flex: 1 }}>
          {inputs.map((port) => <PortRow key={port.name} nodeId={id} port={port} side="in" />)}
        </Box>
        <Box sx={{ flex: 1 }}>
          {spec?.outputs.map((port) => <PortRow key={port.name} nodeId={id} port={port} side="out" />)}
        </Box>
      </Box>
      {nodeRun && <RunStatusBadge nodeId={id} nodeRun={nodeRun} />}
    </Paper>
  );
});

function IssueList({ messages }: { messages: string[] }) {
  return <Box component="ul" sx={{ m: 0, pl: 2 }}>{messages.map((m) => <li key={m}>{m}</li>)}</Box>;
}

function PortRow({ nodeId, port, side }: { nodeId: string; port: PortSpec; side: "in" | "out" }) {
  const isNew = port.name === NEW_PORT;
  const typeText = port.many && port.items !== "any" ? `${port.type} | ${port.items}[]` : port.type;
  return (
    <Tooltip placement={side === "in" ? "left" : "right"} enterDelay={400}
      title={isNew ? "Connect here to add an input" : `${port.name}: ${typeText}${port.many ? " (takes several)" : ""}${port.description ? ` — ${port.description}` : ""}`}>
      <Box sx={{ position: "relative", height: 22, display: "flex", alignItems: "center", justifyContent: side === "in" ? "flex-start" : "flex-end", px: 1.25 }}>
        <Handle
          id={port.name}
          type={side === "in" ? "target" : "source"}
          position={side === "in" ? Position.Left : Position.Right}
          data-testid={`handle-${nodeId}-${side}-${port.name}`}
          style={{
            background: isNew ? "transparent" : portColor(port.type),
            borderColor: isNew ? portColor("any") : undefined,
            borderStyle: isNew ? "dashed" : undefined,
            borderRadius: port.many ? 2 : "50%",
          }}
        />
        <Typography variant="caption" sx={{ fontStyle: isNew ? "italic" : undefined, color: isNew ? "text.secondary" : undefined }}>
          {isNew ? "+ input" : port.name}
          {!isNew && !port.required && side === "in" ? "?" : ""}
        </Typography>
      </Box>
    </Tooltip>
  );
}
