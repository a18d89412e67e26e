import { Box, Typography } from "@mui/material";
import {
  Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useReactFlow, type Connection,
} from "@xyflow/react";
import { useCallback, useEffect, type DragEvent } from "react";
import { useSpecsByType } from "../../api/hooks";
import { OCTOPUS_NODE } from "../../lib/pipeline";
import { useGraph } from "../../store/graph";
import { notify } from "../../store/notify";
import { usePrefs } from "../../store/prefs";
import { CATEGORY_COLORS } from "../../theme";
import { NODE_DRAG_TYPE } from "../palette/Palette";
import { decideConnection } from "./connect";
import { OctopusNodeView } from "./OctopusNodeView";

const nodeTypes = { [OCTOPUS_NODE]: OctopusNodeView };
const GRID: [number, number] = [20, 20];
export const FIT_VIEW = { padding: 0.12, maxZoom: 1.1 };

export function Canvas() {
  const nodes = useGraph((s) => s.nodes);
  const edges = useGraph((s) => s.edges);
  const fitViewRequest = useGraph((s) => s.fitViewRequest);
  const { onNodesChange, onEdgesChange, commit } = useGraph.getState();
  const specs = useSpecsByType();
  const theme = usePrefs((s) => s.theme);
  const snapToGrid = usePrefs((s) => s.snapToGrid);
  const { screenToFlowPosition, fitView } = useReactFlow();

  // Runs after React Flow (a child) has taken the new positions. React Flow holds the request
  // until new nodes are measured, so none is made for an empty canvas: it would wait for the first drop.
  useEffect(() => {
    if (fitViewRequest > 0 && useGraph.getState().nodes.length) void fitView(FIT_VIEW);
  }, [fitViewRequest, fitView]);

  const onConnect = useCallback((connection: Connection) => {
    const { nodes, edges, connect } = useGraph.getState();
    const decision = decideConnection(connection, nodes, edges, specs);
    if (decision.ok) connect(decision.source, decision.sourcePort, decision.target, decision.targetPort, decision.replaces);
    else notify(decision.reason, "warning");
  }, [specs]);

  const onDrop = useCallback((event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
    if (!type) return;
    event.preventDefault();
    const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    useGraph.getState().addNode(type, { x: position.x - 20, y: position.y - 20 });
  }, [screenToFlowPosition]);

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  };

  return (
    <Box data-testid="canvas" sx={{ position: "relative", minWidth: 0, minHeight: 0 }} onDrop={onDrop} onDragOver={onDragOver}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={() => commit()}
        onBeforeDelete={async () => {
          commit();
          return true;
        }}
        colorMode={theme}
        snapToGrid={snapToGrid}
        snapGrid={GRID}
        deleteKeyCode={["Delete", "Backspace"]}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        defaultEdgeOptions={{ animated: false, style: { strokeWidth: 2 } }}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements  // big pipelines: draw only what is on screen
        minZoom={0.2}
        maxZoom={2}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} size={1.2} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable style={{ width: 160, height: 100 }} nodeColor={(n) => {
          const category = specs.get(String(n.data.type))?.category;
          return category ? CATEGORY_COLORS[category] : "#9e9e9e";
        }} />
      </ReactFlow>
      {nodes.length === 0 && <EmptyHint />}
    </Box>
  );
}

function EmptyHint() {
  return (
    <Box sx={{ position: "absolute", inset: 0, display: "grid", placeItems: "center", pointerEvents: "none" }}>
      <Typography color="text.secondary" align="center">
        Drag nodes here from the palette, or double-click one.<br />
        Or open an example from <b>Open</b>.
      </Typography>
    </Box>
  );
}
