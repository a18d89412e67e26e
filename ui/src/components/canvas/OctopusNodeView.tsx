/** The one node component: it draws any NodeSpec from the catalog, with its ports,
 * its validation issues, and its state during and after a run.
 *
 * A big pipeline mounts hundreds of these while the canvas pans (only visible nodes are
 * drawn), so the node is plain elements styled by app.css (`oct-node*`) rather than MUI
 * components with `sx`, ports explain themselves with a native title, and every store
 * selector picks only what this node shows. */
import ErrorOutline from "@mui/icons-material/ErrorOutlined";
import { Tooltip } from "@mui/material";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useSpecsByType } from "../../api/hooks";
import type { PortSpec } from "../../api/types";
import type { OctopusNode } from "../../lib/pipeline";
import { useIssues } from "../../store/issues";
import { useRun } from "../../store/run";
import { CATEGORY_COLORS, portColor } from "../../theme";
import { NodeIcon } from "../NodeIcon";
import { NEW_PORT, useInputPorts } from "./ports";
import { RunStatusBadge } from "./RunStatusBadge";

const NO_PORTS: PortSpec[] = [];

export const OctopusNodeView = memo(function OctopusNodeView({ id, data, selected }: NodeProps<OctopusNode>) {
  const spec = useSpecsByType().get(data.type);
  const inputs = useInputPorts(id, spec);
  const issues = useIssues(useShallow((s) => s.issues
    .filter((issue) => issue.node === id)
    .map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message))));
  const nodeRun = useRun((s) => s.run?.nodes[id]);
  const accent = spec ? CATEGORY_COLORS[spec.category] : "#9e9e9e";
  const stateClass = issues.length ? " has-issues" : selected ? " selected" : "";

  return (
    <div data-testid={`node-${id}`} className={`oct-node${stateClass}`}>
      <div className="oct-node__header" style={{ borderTopColor: accent }}>
        <NodeIcon name={spec?.icon ?? "circle"} fontSize="small" style={{ color: accent }} />
        <div className="oct-node__titles">
          <div className="oct-node__title">{data.label || spec?.title || data.type}</div>
          <div className="oct-node__id">{id}</div>
        </div>
        {issues.length > 0 && (
          <Tooltip title={<ul className="oct-issue-list">{issues.map((m) => <li key={m}>{m}</li>)}</ul>}>
            <ErrorOutline data-testid={`node-issues-${id}`} color="error" fontSize="small" />
          </Tooltip>
        )}
      </div>
      {!spec && <div className="oct-node__unknown">Unknown node type {data.type}</div>}
      <div className="oct-node__ports">
        <div>{inputs.map((port) => <PortRow key={port.name} nodeId={id} port={port} side="in" />)}</div>
        <div>{spec?.outputs.map((port) => <PortRow key={port.name} nodeId={id} port={port} side="out" />)}</div>
      </div>
      {nodeRun && <RunStatusBadge nodeId={id} nodeRun={nodeRun} outputPorts={spec?.outputs ?? NO_PORTS} />}
    </div>
  );
});

function portTitle(port: PortSpec): string {
  if (port.name === NEW_PORT) return "Connect here to add an input";
  const typeText = port.many && port.items !== "any" ? `${port.type} | ${port.items}[]` : port.type;
  return `${port.name}: ${typeText}${port.many ? " (takes several)" : ""}${port.description ? ` — ${port.description}` : ""}`;
}

function PortRow({ nodeId, port, side }: { nodeId: string; port: PortSpec; side: "in" | "out" }) {
  const isNew = port.name === NEW_PORT;
  return (
    <div className={`oct-port oct-port--${side}${isNew ? " oct-port--new" : ""}`} title={portTitle(port)}>
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
      {isNew ? "+ input" : port.name}
      {!isNew && !port.required && side === "in" ? "?" : ""}
    </div>
  );
}
