import CircleOutlined from "@mui/icons-material/CircleOutlined";
import Code from "@mui/icons-material/Code";
import Functions from "@mui/icons-material/Functions";
import Numbers from "@mui/icons-material/Numbers";
import ShowChart from "@mui/icons-material/ShowChart";
import Terminal from "@mui/icons-material/Terminal";
import TextFields from "@mui/icons-material/TextFields";
import type { SvgIconProps } from "@mui/material";

/** The catalog names icons; unknown names get a plain circle. */
const ICONS: Record<string, typeof CircleOutlined> = {
  numbers: Numbers, text: TextFields, sum: Functions, mean: ShowChart, log: Terminal, code: Code,
};

export function NodeIcon({ name, ...props }: { name: string } & SvgIconProps) {
  const Icon = ICONS[name] ?? CircleOutlined;
  return <Icon {...props} />;
}
