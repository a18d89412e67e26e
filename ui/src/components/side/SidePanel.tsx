import { Box, Tab, Tabs } from "@mui/material";
import { useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useGraph } from "../../store/graph";
import { NodeProperties } from "./NodeProperties";
import { PipelineProperties } from "./PipelineProperties";
import { YamlView } from "./YamlView";

type SideTab = "properties" | "yaml";

export function SidePanel() {
  const [tab, setTab] = useState<SideTab>("properties");
  const selected = useGraph(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const node = selected.length === 1 ? selected[0] : null;

  return (
    <Box component="aside" sx={{ borderLeft: 1, borderColor: "divider", bgcolor: "background.paper", display: "flex", flexDirection: "column", minHeight: 0 }}>
      <Tabs value={tab} onChange={(_, value: SideTab) => setTab(value)} variant="fullWidth" sx={{ minHeight: 40, borderBottom: 1, borderColor: "divider" }}>
        <Tab value="properties" label="Properties" data-testid="tab-properties" sx={{ minHeight: 40 }} />
        <Tab value="yaml" label="YAML" data-testid="tab-yaml" sx={{ minHeight: 40 }} />
      </Tabs>
      <Box sx={{ flex: 1, overflowY: "auto", p: 1.5, minHeight: 0 }}>
        {tab === "yaml" ? <YamlView /> : node ? <NodeProperties key={node.id} node={node} /> : <PipelineProperties />}
      </Box>
    </Box>
  );
}
