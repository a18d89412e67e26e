/** Starting, stopping and replaying runs. */
import { api } from "../api/client";
import { queryKeys } from "../api/hooks";
import { queryClient } from "../api/queryClient";
import { followRunEvents } from "../api/runEvents";
import { isActive } from "../lib/runState";
import { useDialogs } from "../store/dialogs";
import { currentPipeline } from "../store/graph";
import { useIssues } from "../store/issues";
import { usePrefs } from "../store/prefs";
import { useRun } from "../store/run";
import { reportError } from "./pipelineFile";

let stopFollowing: (() => void) | null = null;

function follow(runId: string, engine: string): void {
  stopFollowing?.();
  useRun.getState().begin(runId, engine);
  stopFollowing = followRunEvents(runId, (event) => {
    useRun.getState().apply(event);
    if (event.type === "run_finished") queryClient.invalidateQueries({ queryKey: queryKeys.runs });
  });
}

export async function startRun(engine: string, params: Record<string, unknown> = {}): Promise<void> {
  try {
    const record = await api.startRun(currentPipeline(), engine, params);
    useIssues.getState().setIssues([]);
    follow(record.id, record.engine);
  } catch (error) {
    reportError("The run cannot start", error);
  }
}

export async function stopRun(): Promise<void> {
  const run = useRun.getState().run;
  if (!run || !isActive(run.status)) return;
  try {
    await api.cancelRun(run.runId);
  } catch (error) {
    reportError("Could not stop the run", error);
  }
}

/** Shows a past run from history: its events replay onto the panel and the canvas. */
export function replayRun(runId: string, engine: string): void {
  follow(runId, engine);
}

/** Run with the engine chosen in the toolbar; a pipeline with parameters asks for values first. */
export function requestRun(): void {
  const pipeline = currentPipeline();
  if (Object.keys(pipeline.params ?? {}).length) useDialogs.getState().show("run");
  else void startRun(usePrefs.getState().engine);
}
