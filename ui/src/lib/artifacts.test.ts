import { describe, expect, it } from "vitest";
import { artifactUrl, outputViews, storageFileUrl } from "./artifacts";

const image = { $artifact: "file:///a/r1/chart/image-1.png", path: "r1/chart/image-1.png", format: "png", type: "image", title: "Sales", preview: "image" };
const table = { $artifact: "file:///a/r1/read/table-2.parquet", path: "r1/read/table-2.parquet", format: "parquet", type: "table", preview: "3 rows × 2 columns\n a b" };

describe("outputViews", () => {
  it("shows images and tables from their artifact references", () => {
    const views = outputViews({ image, table }, { image: "image", table: "3 rows × 2 columns" }, {});
    expect(views).toEqual([
      { kind: "image", port: "image", src: "/api/artifacts/r1/chart/image-1.png", title: "Sales" },
      { kind: "table", port: "table", text: "3 rows × 2 columns\n a b" },
    ]);
  });

  it("links a file output to storage only when the port is of type file", () => {
    expect(outputViews({ file: "out/a b.csv" }, {}, { file: "file" })).toEqual([
      { kind: "file", port: "file", path: "out/a b.csv", href: "/api/storage/file?path=out%2Fa%20b.csv" },
    ]);
    expect(outputViews({ text: "out/a.csv" }, { text: "out/a.csv" }, { text: "string" })[0].kind).toBe("text");
  });

  it("keeps plain values and preview-only ports as text", () => {
    expect(outputViews({ result: 15 }, { result: "15", extra: "x" }, {})).toEqual([
      { kind: "text", port: "result", text: "15", value: 15 },
      { kind: "text", port: "extra", text: "x" },
    ]);
  });
});

describe("urls", () => {
  it("escapes each path segment but keeps the slashes", () => {
    expect(artifactUrl("r 1/n/p#1.png")).toBe("/api/artifacts/r%201/n/p%231.png");
    expect(storageFileUrl("a/b&c.csv")).toBe("/api/storage/file?path=a%2Fb%26c.csv");
  });
});
