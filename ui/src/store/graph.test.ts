import { beforeEach, describe, expect, it } from "vitest";
import type { Pipeline } from "../api/types";
import { useGraph } from "./graph";

const pipeline: Pipeline = {
  octopus: 1, name: "p",
  nodes: [
    { id: "numbers", type: "input.numbers", params: { values: [1] }, ui: { x: 0, y: 0 } },
    { id: "sum", type: "process.sum", inputs: { values: "numbers.values" }, ui: { x: 200, y: 0 } },
  ],
};

const graph = () => useGraph.getState();

describe("graph history", () => {
  beforeEach(() => graph().load(pipeline, null));

  it("undoes and redoes an added node", () => {
    graph().addNode("output.log", { x: 400, y: 0 });
    expect(graph().nodes.map((n) => n.id)).toEqual(["numbers", "sum", "log"]);
    graph().undo();
    expect(graph().nodes.map((n) => n.id)).toEqual(["numbers", "sum"]);
    graph().redo();
    expect(graph().nodes.map((n) => n.id)).toEqual(["numbers", "sum", "log"]);
  });

  it("undoes a burst of typing in one field as one step", () => {
    graph().updateNodeData("numbers", { params: { values: [1, 2] } });
    graph().updateNodeData("numbers", { params: { values: [1, 2, 3] } });
    graph().undo();
    expect(graph().nodes[0].data.params).toEqual({ values: [1] });
  });

  it("replaces the old connection of a port that takes one", () => {
    graph().addNode("input.numbers", { x: 0, y: 100 });
    graph().connect("numbers_2", "values", "sum", "values", ["numbers.values->sum.values"]);
    expect(graph().edges.map((e) => e.id)).toEqual(["numbers_2.values->sum.values"]);
  });

  it("starts a loaded pipeline clean, with no history", () => {
    graph().addNode("output.log", { x: 400, y: 0 });
    graph().load(pipeline, { id: "abc", version: 3 });
    expect(graph()).toMatchObject({ dirty: false, past: [], future: [], savedAs: { id: "abc", version: 3 } });
  });
});
