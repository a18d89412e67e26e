/** Starting, stopping and replaying runs. */
import { ApiError, api } from "../api/client";
import { queryKeys } from "../api/hooks";
import { queryClient } from "../api/queryClient";
import { followRunEvents } from "../api/runEvents";
import type { RunRecord } from "../api/types";
import { isActive } from "../lib/runState";
import { confirm, useDialogs } from "../store/dialogs";
import { currentPipeline, useGraph, type SavedAs } from "../store/graph";
import { useIssues } from "../store/issues";
import { usePrefs } from "../store/prefs";
import { useRun } from "../store/run";
import { openPipeline, reportError } from "./pipelineFile";

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
  const { savedAs, dirty } = useGraph.getState();
  // A saved pipeline's runs are filed under it; with unsaved edits the run is of no saved version.
  const saved = savedAs ? { pipeline_id: savedAs.id, version: dirty ? undefined : savedAs.version } : {};
  try {
    const record = await api.startRun({ pipeline: currentPipeline(), ...saved, engine, params });
    void queryClient.invalidateQueries({ queryKey: queryKeys.runs });
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

/** Reopens a past run from history: its pipeline goes onto the canvas (after asking, if
 * that would drop unsaved edits) and its events replay onto the nodes and the run panel. */
export async function reopenRun(runId: string): Promise<void> {
  try {
    const record = await api.run(runId);
    if (useGraph.getState().dirty && !(await confirm(
      "Replace the canvas?",
      `Run ${runId} opens its own pipeline "${record.pipeline_name}" on the canvas; your unsaved edits will be lost.`,
      "Open the run",
    ))) return;
    openPipeline(record.pipeline, await savedAsOf(record));
    follow(record.id, record.engine);
  } catch (error) {
    reportError(`Could not open run ${runId}`, error);
  }
}

/** Like an older version, a run's pipeline opens as an edit of its saved pipeline's latest
 * version, so that saving it makes it the newest; not at all if that pipeline is gone. */
async function savedAsOf(run: RunRecord): Promise<SavedAs | null> {
  if (!run.pipeline_id) return null;
  try {
    const latest = await api.pipeline(run.pipeline_id);
    return { id: latest.id, version: latest.version };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Run with the engine chosen in the toolbar; a pipeline with parameters asks for values first. */
export function requestRun(): void {
  const pipeline = currentPipeline();
  if (Object.keys(pipeline.params ?? {}).length) useDialogs.getState().show("run");
  else void startRun(usePrefs.getState().engine);
}
