/** The node catalog by category. Drag an item onto the canvas, or double-click to add it
 * in the middle of the view. */
import Search from "@mui/icons-material/Search";
import {
  Box, CircularProgress, InputAdornment, List, ListItemButton, ListItemIcon, ListItemText, ListSubheader,
  TextField, Tooltip,
} from "@mui/material";
import { useReactFlow } from "@xyflow/react";
import { useMemo, useState, type DragEvent } from "react";
import { useNodeSpecs } from "../../api/hooks";
import type { Category, NodeSpec } from "../../api/types";
import { useGraph } from "../../store/graph";
import { CATEGORY_COLORS, CATEGORY_TITLES } from "../../theme";
import { NodeIcon } from "../NodeIcon";

export const NODE_DRAG_TYPE = "application/x-octopus-node";

function matches(spec: NodeSpec, search: string): boolean {
  const text = `${spec.title} ${spec.type} ${spec.description}`.toLowerCase();
  return search.toLowerCase().split(/\s+/).every((word) => text.includes(word));
}

export function Palette() {
  const { data: specs, isLoading } = useNodeSpecs();
  const [search, setSearch] = useState("");
  const addAtCenter = useAddAtCenter();
  const groups = useMemo(() => {
    const byCategory = new Map<Category, NodeSpec[]>();
    for (const spec of specs ?? []) {
      if (!matches(spec, search)) continue;
      byCategory.set(spec.category, [...(byCategory.get(spec.category) ?? []), spec]);
    }
    // Catalog order of categories: inputs first, outputs last.
    const order = Object.keys(CATEGORY_TITLES);
    return [...byCategory].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  }, [specs, search]);

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = "move";
  };

  return (
    <Box data-testid="palette" sx={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}>
      <Box sx={{ p: 1 }}>
        <TextField
          fullWidth placeholder="Search nodes" value={search} onChange={(e) => setSearch(e.target.value)}
          slotProps={{
            htmlInput: { "data-testid": "palette-search" },
            input: { startAdornment: <InputAdornment position="start"><Search fontSize="small" /></InputAdornment> },
          }}
        />
      </Box>
      {isLoading && <CircularProgress size={24} sx={{ m: 2 }} />}
      <List dense sx={{ overflowY: "auto", flex: 1, pt: 0 }}>
        {groups.map(([category, items]) => (
          <li key={category}>
            <ul style={{ padding: 0 }}>
              <ListSubheader sx={{ lineHeight: "32px", fontWeight: 700, color: CATEGORY_COLORS[category] }}>
                {CATEGORY_TITLES[category] ?? category}
              </ListSubheader>
              {items.map((spec) => (
                <Tooltip key={spec.type} title={spec.description} placement="right" enterDelay={600}>
                  <ListItemButton
                    data-testid={`palette-item-${spec.type}`}
                    draggable
                    onDragStart={(e) => onDragStart(e, spec.type)}
                    onDoubleClick={() => addAtCenter(spec.type)}
                    sx={{ cursor: "grab", mx: 0.5, borderRadius: 1, borderLeft: 3, borderColor: CATEGORY_COLORS[spec.category] }}
                  >
                    <ListItemIcon sx={{ minWidth: 30 }}><NodeIcon name={spec.icon} fontSize="small" /></ListItemIcon>
                    <ListItemText primary={spec.title} secondary={spec.type}
                      slotProps={{ secondary: { sx: { fontFamily: "monospace", fontSize: 11 } } }} />
                  </ListItemButton>
                </Tooltip>
              ))}
            </ul>
          </li>
        ))}
      </List>
    </Box>
  );
}

/** Adds a node in the middle of the visible canvas, a little lower for each one so they don't stack. */
function useAddAtCenter(): (type: string) => void {
  const { screenToFlowPosition } = useReactFlow();
  return (type) => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (!pane) return;
    const { nodes, addNode } = useGraph.getState();
    const shift = (nodes.length % 5) * 30;
    const center = screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
    addNode(type, { x: center.x - 90 + shift, y: center.y - 40 + shift });
  };
}
