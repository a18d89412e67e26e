/** The left sidebar: the node palette, or the files in storage. */
import { Box, Tab, Tabs } from "@mui/material";
import { useState } from "react";
import { FileBrowser } from "../files/FileBrowser";
import { Palette } from "./Palette";

type SidebarTab = "nodes" | "files";

export function Sidebar() {
  const [tab, setTab] = useState<SidebarTab>("nodes");
  return (
    <Box component="aside"
      sx={{ borderRight: 1, borderColor: "divider", bgcolor: "background.paper", display: "flex", flexDirection: "column", minHeight: 0 }}>
      <Tabs value={tab} onChange={(_, value: SidebarTab) => setTab(value)} variant="fullWidth"
        sx={{ minHeight: 36, borderBottom: 1, borderColor: "divider" }}>
        <Tab value="nodes" label="Nodes" data-testid="sidebar-tab-nodes" sx={{ minHeight: 36, py: 0 }} />
        <Tab value="files" label="Files" data-testid="sidebar-tab-files" sx={{ minHeight: 36, py: 0 }} />
      </Tabs>
      {tab === "nodes" ? <Palette /> : <FileBrowser />}
    </Box>
  );
}
