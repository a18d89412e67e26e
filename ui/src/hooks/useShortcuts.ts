/** Keyboard shortcuts of the editor. Delete is React Flow's own (deleteKeyCode). */
import { useEffect } from "react";
import { copySelection, paste } from "../actions/editing";
import { savePipeline } from "../actions/pipelineFile";
import { requestRun } from "../actions/runs";
import { useGraph } from "../store/graph";

/** Copy, paste and undo belong to a text field while one has the focus. */
function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      const inField = typingInField(event.target);
      const graph = useGraph.getState();
      const handlers: Record<string, (() => void) | undefined> = {
        s: () => void savePipeline(),
        enter: () => requestRun(),
        z: inField ? undefined : event.shiftKey ? graph.redo : graph.undo,
        y: inField ? undefined : graph.redo,
        c: inField ? undefined : copySelection,
        v: inField ? undefined : paste,
      };
      const handler = handlers[key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
