import AccountTree from "@mui/icons-material/AccountTree";
import DarkMode from "@mui/icons-material/DarkMode";
import FolderOpen from "@mui/icons-material/FolderOpen";
import GridOn from "@mui/icons-material/GridOn";
import LightMode from "@mui/icons-material/LightMode";
import NoteAdd from "@mui/icons-material/NoteAdd";
import PlayArrow from "@mui/icons-material/PlayArrow";
import Redo from "@mui/icons-material/Redo";
import Save from "@mui/icons-material/Save";
import Stop from "@mui/icons-material/Stop";
import Undo from "@mui/icons-material/Undo";
import UploadFile from "@mui/icons-material/UploadFile";
import { AppBar, Box, Button, Divider, IconButton, MenuItem, TextField, Toolbar as MuiToolbar, Tooltip, Typography } from "@mui/material";
import { useRef, type ReactNode } from "react";
import { autoLayout } from "../../actions/editing";
import { importFile, newPipeline, savePipeline } from "../../actions/pipelineFile";
import { requestRun, stopRun } from "../../actions/runs";
import { useEngines } from "../../api/hooks";
import { isActive } from "../../lib/runState";
import { useDialogs } from "../../store/dialogs";
import { useGraph } from "../../store/graph";
import { usePrefs } from "../../store/prefs";
import { useRun } from "../../store/run";
import { ExportMenu } from "./ExportMenu";

function ToolButton({ title, testId, onClick, disabled, children }: {
  title: string; testId: string; onClick: () => void; disabled?: boolean; children: ReactNode;
}) {
  return (
    <Tooltip title={title}>
      <span>
        <IconButton color="inherit" data-testid={testId} aria-label={title} onClick={onClick} disabled={disabled}>
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

export function Toolbar() {
  const name = useGraph((s) => s.meta.name);
  const dirty = useGraph((s) => s.dirty);
  const savedAs = useGraph((s) => s.savedAs);
  const canUndo = useGraph((s) => s.past.length > 0);
  const canRedo = useGraph((s) => s.future.length > 0);
  const { undo, redo } = useGraph.getState();
  const running = useRun((s) => (s.run ? isActive(s.run.status) : false));
  const { theme, toggleTheme, engine, setEngine, snapToGrid, toggleSnapToGrid } = usePrefs();
  const { data: engines } = useEngines();
  const showDialog = useDialogs((s) => s.show);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: "divider", bgcolor: "background.paper" }}>
      <MuiToolbar variant="dense" sx={{ gap: 0.5 }}>
        <Box component="img" src="/octopus.svg" alt="" sx={{ width: 26, height: 26, mr: 0.5 }} />
        <Typography variant="h6" sx={{ fontSize: 16, fontWeight: 700, mr: 1 }}>Octopus</Typography>
        <Typography variant="body2" noWrap data-testid="pipeline-title" sx={{ color: "text.secondary", maxWidth: 200 }}>
          {name}{dirty ? " •" : ""}{savedAs ? ` (v${savedAs.version})` : ""}
        </Typography>
        <Divider orientation="vertical" flexItem sx={{ mx: 1 }} />
        <ToolButton title="New pipeline" testId="toolbar-new" onClick={newPipeline}><NoteAdd /></ToolButton>
        <ToolButton title="Open… (saved pipelines, examples)" testId="toolbar-open" onClick={() => showDialog("open")}><FolderOpen /></ToolButton>
        <ToolButton title="Save (Ctrl+S)" testId="toolbar-save" onClick={() => void savePipeline()}><Save /></ToolButton>
        <ToolButton title="Import YAML or JSON" testId="toolbar-import" onClick={() => fileInput.current?.click()}><UploadFile /></ToolButton>
        <input ref={fileInput} type="file" hidden accept=".yaml,.yml,.json" data-testid="import-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = "";
          }} />
        <ExportMenu />
        <Divider orientation="vertical" flexItem sx={{ mx: 1 }} />
        <ToolButton title="Undo (Ctrl+Z)" testId="toolbar-undo" onClick={undo} disabled={!canUndo}><Undo /></ToolButton>
        <ToolButton title="Redo (Ctrl+Shift+Z)" testId="toolbar-redo" onClick={redo} disabled={!canRedo}><Redo /></ToolButton>
        <ToolButton title="Auto-layout" testId="toolbar-layout" onClick={() => void autoLayout()}><AccountTree /></ToolButton>
        <Tooltip title={snapToGrid ? "Snap to grid: on" : "Snap to grid: off"}>
          <IconButton color={snapToGrid ? "primary" : "inherit"} onClick={toggleSnapToGrid} data-testid="toolbar-snap"><GridOn /></IconButton>
        </Tooltip>
        <Box sx={{ flex: 1 }} />
        <TextField select value={engine} onChange={(e) => setEngine(e.target.value)} label="Engine" sx={{ width: 170 }}
          slotProps={{ select: { SelectDisplayProps: { "data-testid": "engine-select" } as object } }}>
          {(engines ?? [{ name: "local", title: "Local" }]).map((e) => (
            <MenuItem key={e.name} value={e.name} data-testid={`engine-${e.name}`}>{e.title}</MenuItem>
          ))}
        </TextField>
        {running ? (
          <Button variant="contained" color="error" startIcon={<Stop />} onClick={() => void stopRun()} data-testid="toolbar-stop" sx={{ ml: 1 }}>
            Stop
          </Button>
        ) : (
          <Tooltip title="Run (Ctrl+Enter)">
            <Button variant="contained" startIcon={<PlayArrow />} onClick={requestRun} data-testid="toolbar-run" sx={{ ml: 1 }}>
              Run
            </Button>
          </Tooltip>
        )}
        <ToolButton title={theme === "light" ? "Dark theme" : "Light theme"} testId="toolbar-theme" onClick={toggleTheme}>
          {theme === "light" ? <DarkMode /> : <LightMode />}
        </ToolButton>
      </MuiToolbar>
    </AppBar>
  );
}
