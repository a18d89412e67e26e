import Download from "@mui/icons-material/Download";
import { Divider, IconButton, ListSubheader, Menu, MenuItem, Tooltip } from "@mui/material";
import { useState } from "react";
import { exportBundle, exportYaml } from "../../actions/pipelineFile";
import { useTargets } from "../../api/hooks";

/** Export the pipeline as YAML, or compiled for an orchestrator as a zip of its files. */
export function ExportMenu() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data: targets } = useTargets();
  const close = () => setAnchor(null);

  return (
    <>
      <Tooltip title="Export">
        <IconButton color="inherit" data-testid="toolbar-export" aria-label="Export" onClick={(e) => setAnchor(e.currentTarget)}>
          <Download />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={close}>
        <MenuItem data-testid="export-yaml" onClick={() => { close(); void exportYaml(); }}>Pipeline YAML</MenuItem>
        <Divider />
        <ListSubheader sx={{ lineHeight: "28px" }}>Compiled bundle (.zip)</ListSubheader>
        {(targets ?? []).map((target) => (
          <MenuItem key={target.name} data-testid={`export-${target.name}`} onClick={() => { close(); void exportBundle(target.name); }}>
            {target.title}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
