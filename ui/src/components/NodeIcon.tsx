import Assessment from "@mui/icons-material/Assessment";
import BarChart from "@mui/icons-material/BarChart";
import CallSplit from "@mui/icons-material/CallSplit";
import Chat from "@mui/icons-material/Chat";
import CircleOutlined from "@mui/icons-material/CircleOutlined";
import Code from "@mui/icons-material/Code";
import Dataset from "@mui/icons-material/Dataset";
import Description from "@mui/icons-material/Description";
import DriveFileRenameOutline from "@mui/icons-material/DriveFileRenameOutline";
import Email from "@mui/icons-material/Email";
import FilterAlt from "@mui/icons-material/FilterAlt";
import Forum from "@mui/icons-material/Forum";
import Functions from "@mui/icons-material/Functions";
import GroupWork from "@mui/icons-material/GroupWork";
import Http from "@mui/icons-material/Http";
import Image from "@mui/icons-material/Image";
import InsertDriveFile from "@mui/icons-material/InsertDriveFile";
import Insights from "@mui/icons-material/Insights";
import Inventory2 from "@mui/icons-material/Inventory2";
import JoinInner from "@mui/icons-material/JoinInner";
import ModelTraining from "@mui/icons-material/ModelTraining";
import MonitorHeart from "@mui/icons-material/MonitorHeart";
import NotificationsActive from "@mui/icons-material/NotificationsActive";
import Numbers from "@mui/icons-material/Numbers";
import Psychology from "@mui/icons-material/Psychology";
import RocketLaunch from "@mui/icons-material/RocketLaunch";
import Save from "@mui/icons-material/Save";
import ShowChart from "@mui/icons-material/ShowChart";
import SmartToy from "@mui/icons-material/SmartToy";
import Speed from "@mui/icons-material/Speed";
import Storage from "@mui/icons-material/Storage";
import Summarize from "@mui/icons-material/Summarize";
import TableChart from "@mui/icons-material/TableChart";
import Terminal from "@mui/icons-material/Terminal";
import TextFields from "@mui/icons-material/TextFields";
import Tune from "@mui/icons-material/Tune";
import ViewColumn from "@mui/icons-material/ViewColumn";
import Webhook from "@mui/icons-material/Webhook";
import type { SvgIconProps } from "@mui/material";

/** The catalog names icons; unknown names get a plain circle. */
const ICONS: Record<string, typeof CircleOutlined> = {
  numbers: Numbers, text: TextFields, sum: Functions, mean: ShowChart, log: Terminal, code: Code,
  // tables and data
  table: TableChart, dataset: Dataset, database: Storage, file: InsertDriveFile, save: Save, http: Http,
  split: CallSplit, filter: FilterAlt, join: JoinInner, aggregate: GroupWork, columns: ViewColumn,
  rename: DriveFileRenameOutline,
  // machine learning, registry, deployment
  train: ModelTraining, evaluate: Assessment, predict: Insights, sweep: Tune, model: Psychology,
  registry: Inventory2, deploy: RocketLaunch, drift: MonitorHeart, metric: Speed,
  // results and messages
  chart: BarChart, image: Image, report: Summarize, document: Description, email: Email, slack: Forum,
  webhook: Webhook, alert: NotificationsActive, llm: SmartToy, chat: Chat,
};

export function NodeIcon({ name, ...props }: { name: string } & SvgIconProps) {
  const Icon = ICONS[name] ?? CircleOutlined;
  return <Icon {...props} />;
}
