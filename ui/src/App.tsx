import { Box, CssBaseline, ThemeProvider } from "@mui/material";
import { useMemo } from "react";
import { Canvas } from "./components/canvas/Canvas";
import { Notifier } from "./components/Notifier";
import { ConfirmDialog } from "./components/dialogs/ConfirmDialog";
import { ImageDialog } from "./components/dialogs/ImageDialog";
import { OpenDialog } from "./components/dialogs/OpenDialog";
import { RunDialog } from "./components/dialogs/RunDialog";
import { Sidebar } from "./components/palette/Sidebar";
import { SidePanel } from "./components/side/SidePanel";
import { RunPanel } from "./components/run/RunPanel";
import { Toolbar } from "./components/toolbar/Toolbar";
import { useShortcuts } from "./hooks/useShortcuts";
import { useValidation } from "./hooks/useValidation";
import { usePrefs } from "./store/prefs";
import { makeTheme } from "./theme";

export function App() {
  const mode = usePrefs((s) => s.theme);
  const theme = useMemo(() => makeTheme(mode), [mode]);
  useValidation();
  useShortcuts();

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Box sx={{ height: "100vh", display: "grid", gridTemplateRows: "auto 1fr auto", bgcolor: "background.default" }}>
        <Toolbar />
        <Box sx={{ display: "grid", gridTemplateColumns: "240px 1fr 320px", minHeight: 0 }}>
          <Sidebar />
          <Canvas />
          <SidePanel />
        </Box>
        <RunPanel />
      </Box>
      <OpenDialog />
      <RunDialog />
      <ConfirmDialog />
      <ImageDialog />
      <Notifier />
    </ThemeProvider>
  );
}
