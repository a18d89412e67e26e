import { createTheme, type Theme } from "@mui/material/styles";
import type { CSSProperties } from "react";
import type { Category } from "./api/types";
import type { ThemeMode } from "./store/prefs";

export function makeTheme(mode: ThemeMode): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === "light" ? "#5b3fd9" : "#a48bff" },
      background: mode === "light" ? { default: "#f4f5f8", paper: "#ffffff" } : { default: "#111318", paper: "#1b1e25" },
    },
    shape: { borderRadius: 8 },
    typography: { fontSize: 13, button: { textTransform: "none", fontWeight: 600 } },
    components: {
      MuiButton: { defaultProps: { size: "small" } },
      MuiIconButton: { defaultProps: { size: "small" } },
      MuiTextField: { defaultProps: { size: "small" } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  });
}

/** One accent per node category, on the palette and the node's header. */
export const CATEGORY_COLORS: Record<Category, string> = {
  input: "#2e7d32",
  process: "#1565c0",
  ml: "#6a1b9a",
  registry: "#00838f",
  deploy: "#4e342e",
  llm: "#ef6c00",
  output: "#c62828",
};

export const CATEGORY_TITLES: Record<Category, string> = {
  input: "Inputs",
  process: "Processing",
  ml: "Machine learning",
  registry: "Model registry",
  deploy: "Deploy & monitor",
  llm: "LLM",
  output: "Outputs",
};

/** Colours of port handles by data type, so compatible ports look alike. */
export function portColor(type: string): string {
  const colors: Record<string, string> = {
    any: "#9e9e9e", string: "#00897b", number: "#1e88e5", integer: "#3949ab", boolean: "#8e24aa",
    array: "#f4511e", object: "#6d4c41", table: "#43a047", model: "#d81b60", file: "#546e7a", image: "#fdd835",
  };
  return colors[type] ?? "#9e9e9e";
}

/** Theme colours as CSS variables for the plain-CSS canvas nodes (app.css `.oct-node`). */
export function canvasThemeVars(theme: Theme): CSSProperties {
  const { palette } = theme;
  return {
    "--oct-paper": palette.background.paper,
    "--oct-text": palette.text.primary,
    "--oct-text-secondary": palette.text.secondary,
    "--oct-divider": palette.divider,
    "--oct-primary": palette.primary.main,
    "--oct-error": palette.error.main,
    "--oct-hover": palette.action.hover,
  } as CSSProperties;
}
