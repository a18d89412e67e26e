/** One snackbar for short messages: refused connections, saves, errors. */
import { create } from "zustand";

export type Severity = "success" | "info" | "warning" | "error";

export interface Notice {
  key: number;
  message: string;
  severity: Severity;
  details?: string[];
  action?: { label: string; run: () => void };
}

interface NotifyStore {
  notice: Notice | null;
  notify: (message: string, severity?: Severity, extra?: Pick<Notice, "details" | "action">) => void;
  dismiss: () => void;
}

export const useNotify = create<NotifyStore>()((set) => ({
  notice: null,
  notify: (message, severity = "info", extra = {}) =>
    set({ notice: { key: Date.now(), message, severity, ...extra } }),
  dismiss: () => set({ notice: null }),
}));

export const notify = (...args: Parameters<NotifyStore["notify"]>) => useNotify.getState().notify(...args);
