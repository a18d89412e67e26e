import { Box, Typography, useTheme } from "@mui/material";
import {
  Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Node,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, type DragEvent } from "react";
import { useSpecsByType } from "../../api/hooks";
import { OCTOPUS_NODE } from "../../lib/pipeline";
import { useGraph } from "../../store/graph";
import { notify } from "../../store/notify";
import { usePrefs } from "../../store/prefs";
import { canvasThemeVars, CATEGORY_COLORS } from "../../theme";
import { FILE_DRAG_TYPE } from "../files/FileBrowser";
import { NODE_DRAG_TYPE } from "../palette/Palette";
import { decideConnection } from "./connect";
import { OctopusNodeView } from "./OctopusNodeView";

const nodeTypes = { [OCTOPUS_NODE]: OctopusNodeView };
const GRID: [number, number] = [20, 20];
// Props as constants: React Flow copies a changed prop into its store, and the canvas
// re-renders on every node change (each node measured after it mounts).
const MINIMAP_STYLE = { width: 160, height: 100 };
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
const EDGE_OPTIONS = { animated: false, style: { strokeWidth: 2 } };
const PRO_OPTIONS = { hideAttribution: true };
export const FIT_VIEW = { padding: 0.12, maxZoom: 1.1 };
/** The node a file dragged from the file browser becomes. */
const READ_FILE_NODE = "data.read_file";
const DROP_TYPES = [NODE_DRAG_TYPE, FILE_DRAG_TYPE];

const commitOnce = () => useGraph.getState().commit();
const commitBeforeDelete = async () => {
  useGraph.getState().commit();
  return true;
};

export function Canvas() {
  const nodes = useGraph((s) => s.nodes);
  const edges = useGraph((s) => s.edges);
  const fitViewRequest = useGraph((s) => s.fitViewRequest);
  const { onNodesChange, onEdgesChange } = useGraph.getState();
  const specs = useSpecsByType();
  const colorMode = usePrefs((s) => s.theme);
  const snapToGrid = usePrefs((s) => s.snapToGrid);
  const muiTheme = useTheme();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const themeVars = useMemo(() => canvasThemeVars(muiTheme), [muiTheme]);
  const nodeColor = useCallback((node: Node) => {
    const category = specs.get(String(node.data.type))?.category;
    return category ? CATEGORY_COLORS[category] : "#9e9e9e";
  }, [specs]);

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

  // A palette item becomes a node of its type; a storage file a node that reads it.
  const onDrop = useCallback((event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
    const filePath = event.dataTransfer.getData(FILE_DRAG_TYPE);
    if (!type && !filePath) return;
    event.preventDefault();
    const flow = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const position = { x: flow.x - 20, y: flow.y - 20 };
    if (type) useGraph.getState().addNode(type, position);
    else if (specs.has(READ_FILE_NODE)) useGraph.getState().addNode(READ_FILE_NODE, position, { path: filePath });
    else notify(`This server has no ${READ_FILE_NODE} node type to read ${filePath} with`, "warning");
  }, [screenToFlowPosition, specs]);

  const onDragOver = (event: DragEvent) => {
    if (!DROP_TYPES.some((t) => event.dataTransfer.types.includes(t))) return;
    event.preventDefault();
    // Must be one the drag source allows: the palette moves a node in, storage copies a file.
    event.dataTransfer.dropEffect = event.dataTransfer.types.includes(FILE_DRAG_TYPE) ? "copy" : "move";
  };

  return (
    <Box data-testid="canvas" sx={{ position: "relative", minWidth: 0, minHeight: 0 }} style={themeVars}
      onDrop={onDrop} onDragOver={onDragOver}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={commitOnce}
        onBeforeDelete={commitBeforeDelete}
        colorMode={colorMode}
        snapToGrid={snapToGrid}
        snapGrid={GRID}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        defaultEdgeOptions={EDGE_OPTIONS}
        proOptions={PRO_OPTIONS}
        onlyRenderVisibleElements  // big pipelines: draw only what is on screen
        minZoom={0.2}
        maxZoom={2}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} size={1.2} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable style={MINIMAP_STYLE} nodeColor={nodeColor} />
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
