import { describe, expect, it } from "vitest";
import type { Pipeline } from "../api/types";
import { fromPipeline, makeEdge, meaningOf, toPipeline, uniqueId, uniquePortName } from "./pipeline";

const sumNumbers: Pipeline = {
  octopus: 1,
  name: "sum-numbers",
  description: "Sum an array of numbers and show the result.",
  params: { numbers: { type: "array", default: [1, 2, 3, 4, 5] } },
  nodes: [
    { id: "numbers", type: "input.numbers", params: { values: "${params.numbers}" }, ui: { x: 0, y: 0 } },
    { id: "total", type: "process.sum", params: {}, inputs: { values: "numbers.values" }, ui: { x: 260, y: 0 } },
    { id: "show", type: "output.log", params: {}, inputs: { value: "total.result" }, ui: { x: 520, y: 0 } },
  ],
};

describe("fromPipeline", () => {
  it("turns inputs into edges between port handles", () => {
    const graph = fromPipeline(sumNumbers);
    expect(graph.nodes.map((n) => [n.id, n.position])).toEqual([
      ["numbers", { x: 0, y: 0 }], ["total", { x: 260, y: 0 }], ["show", { x: 520, y: 0 }],
    ]);
    expect(graph.edges).toEqual([
      makeEdge("numbers", "values", "total", "values"),
      makeEdge("total", "result", "show", "value"),
    ]);
    expect(graph.meta.params).toEqual(sumNumbers.params);
  });

  it("reads a missing coordinate as 0, its default", () => {
    const graph = fromPipeline({ octopus: 1, name: "p", nodes: [{ id: "a", type: "t", ui: { x: 260 } as never }] });
    expect(graph.nodes[0].position).toEqual({ x: 260, y: 0 });
  });

  it("lays out nodes without a position in a row", () => {
    const graph = fromPipeline({ octopus: 1, name: "p", nodes: [{ id: "a", type: "t" }, { id: "b", type: "t" }] });
    expect(graph.nodes[1].position).toEqual({ x: 260, y: 0 });
  });
});

describe("toPipeline", () => {
  it("round-trips a pipeline", () => {
    expect(toPipeline(fromPipeline(sumNumbers))).toEqual(sumNumbers);
  });

  it("writes several connections to one port as a list, in connection order", () => {
    const graph = fromPipeline({
      octopus: 1, name: "p",
      nodes: [
        { id: "a", type: "input.numbers", params: {} },
        { id: "b", type: "input.numbers", params: {} },
        { id: "s", type: "process.sum", params: {}, inputs: { values: ["b.values", "a.values"] } },
      ],
    });
    expect(toPipeline(graph).nodes[2].inputs).toEqual({ values: ["b.values", "a.values"] });
  });

  it("keeps label, description, retries and extra canvas metadata", () => {
    const pipeline: Pipeline = {
      octopus: 1, name: "p",
      nodes: [{
        id: "a", type: "t", label: "A", description: "first", params: { k: 1 }, retries: 2,
        ui: { x: 1, y: 2, color: "red" },
      }],
    };
    expect(toPipeline(fromPipeline(pipeline))).toEqual(pipeline);
  });

  it("rounds positions and leaves out empty optional parts", () => {
    const graph = fromPipeline({ octopus: 1, name: "p", nodes: [{ id: "a", type: "t", ui: { x: 1.4, y: 2.6 } }] });
    expect(toPipeline(graph)).toEqual({
      octopus: 1, name: "p", nodes: [{ id: "a", type: "t", params: {}, ui: { x: 1, y: 3 } }],
    });
  });
});

describe("meaningOf", () => {
  it("drops canvas positions", () => {
    expect(meaningOf(sumNumbers).nodes.every((n) => !("ui" in n))).toBe(true);
  });
});

describe("ids", () => {
  it("derives node ids from the type and avoids taken ones", () => {
    expect(uniqueId("process.sum", new Set())).toBe("sum");
    expect(uniqueId("process.sum", new Set(["sum", "sum_2"]))).toBe("sum_3");
  });

  it("makes port names identifiers", () => {
    expect(uniquePortName("my-text", new Set())).toBe("my_text");
    expect(uniquePortName("text", new Set(["text"]))).toBe("text_2");
  });
});
