import type { RunStatus } from "../../api/types";

export const RUN_STATUS_COLORS: Record<RunStatus, "default" | "info" | "success" | "error" | "warning"> = {
  queued: "default", running: "info", succeeded: "success", failed: "error", cancelled: "warning",
};
