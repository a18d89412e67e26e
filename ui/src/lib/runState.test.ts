import { describe, expect, it } from "vitest";
import type { OctopusEvent } from "../api/events.gen";
import { foldEvent, formatDuration, initialRunState, type RunState } from "./runState";

const fold = (events: OctopusEvent[]): RunState =>
  events.reduce(foldEvent, initialRunState("r1", "local"));

const run_id = "r1";
const started: OctopusEvent = {
  type: "run_started", run_id, ts: 100, pipeline: "sum", engine: "prefect", nodes: ["numbers", "total"],
};

describe("foldEvent", () => {
  it("lists the run's nodes as pending when it starts", () => {
    const state = fold([started]);
    expect(state.status).toBe("running");
    expect(state.engine).toBe("prefect");
    expect(state.order).toEqual(["numbers", "total"]);
    expect(state.nodes.total).toEqual({ status: "pending", attempt: 0 });
  });

  it("follows a node from running to succeeded with duration and preview", () => {
    const running = fold([started, { type: "node_started", run_id, node_id: "total", ts: 101 }]);
    expect(running.nodes.total.status).toBe("running");
    const done = foldEvent(running, {
      type: "node_finished", run_id, node_id: "total", status: "succeeded", duration_s: 0.25,
      outputs: { result: 15 }, preview: { result: "15" },
    });
    expect(done.nodes.total).toMatchObject({
      status: "succeeded", durationS: 0.25, preview: { result: "15" }, outputs: { result: 15 },
    });
    expect(running.nodes.total.status).toBe("running"); // folding never mutates
  });

  it("collects logs in order with their node", () => {
    const state = fold([
      started,
      { type: "node_log", run_id, node_id: "show", message: "15", ts: 102 },
      { type: "node_log", run_id, node_id: "show", message: "done", stream: "stderr", ts: 103 },
    ]);
    expect(state.logs.map((l) => [l.seq, l.nodeId, l.message, l.stream]))
      .toEqual([[0, "show", "15", "stdout"], [1, "show", "done", "stderr"]]);
  });

  it("records the failing node and the error when the run fails", () => {
    const state = fold([
      started,
      { type: "node_finished", run_id, node_id: "numbers", status: "failed", error: "boom" },
      { type: "node_finished", run_id, node_id: "total", status: "skipped" },
      { type: "run_finished", run_id, status: "failed", error: "boom", failed_node: "numbers", duration_s: 1 },
    ]);
    expect(state).toMatchObject({ status: "failed", error: "boom", failedNode: "numbers", durationS: 1 });
    expect(state.nodes.numbers).toMatchObject({ status: "failed", error: "boom" });
    expect(state.nodes.total.status).toBe("skipped");
  });

  it("clears an old error when a node is retried", () => {
    const state = fold([
      started,
      { type: "node_finished", run_id, node_id: "total", status: "failed", error: "flaky" },
      { type: "node_started", run_id, node_id: "total", attempt: 2 },
    ]);
    expect(state.nodes.total).toMatchObject({ status: "running", attempt: 2, error: undefined });
  });
});

describe("formatDuration", () => {
  it("picks a readable unit", () => {
    expect(formatDuration(0.0123)).toBe("12 ms");
    expect(formatDuration(2.5)).toBe("2.50 s");
    expect(formatDuration(75)).toBe("1 min 15 s");
  });
});
