/** Follows a run's server-sent events. The browser's EventSource resumes with
 * Last-Event-ID by itself after a dropped connection; we close it once the run is over,
 * since the server ends the stream then and EventSource would otherwise reconnect. */
import { api } from "./client";
import type { OctopusEvent } from "./events.gen";

export function followRunEvents(runId: string, onEvent: (event: OctopusEvent) => void): () => void {
  const source = new EventSource(api.runEventsUrl(runId));
  source.onmessage = (message) => {
    const event = JSON.parse(message.data) as OctopusEvent;
    onEvent(event);
    if (event.type === "run_finished") source.close();
  };
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) source.close();
  };
  return () => source.close();
}
