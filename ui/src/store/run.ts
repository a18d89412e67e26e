/** The run shown on the canvas and in the run panel: live, or replayed from history. */
import { create } from "zustand";
import type { OctopusEvent } from "../api/events.gen";
import { foldEvent, initialRunState, type RunState } from "../lib/runState";

interface RunStore {
  run: RunState | null;
  begin: (runId: string, engine: string) => void;
  apply: (event: OctopusEvent) => void;
  clear: () => void;
}

export const useRun = create<RunStore>()((set, get) => ({
  run: null,
  begin: (runId, engine) => set({ run: initialRunState(runId, engine) }),
  apply: (event) => {
    const { run } = get();
    if (run && event.run_id === run.runId) set({ run: foldEvent(run, event) });
  },
  clear: () => set({ run: null }),
}));
