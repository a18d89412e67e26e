import { describe, expect, it } from "vitest";
import { crumbsOf, formatSize, joinPath } from "./storagePaths";

describe("storage paths", () => {
  it("joins a name onto a folder, the top folder being empty", () => {
    expect(joinPath("", "a.csv")).toBe("a.csv");
    expect(joinPath("data/raw", "a.csv")).toBe("data/raw/a.csv");
  });

  it("lists the crumbs from the top down to the folder", () => {
    expect(crumbsOf("")).toEqual([{ name: "Storage", path: "" }]);
    expect(crumbsOf("data/raw")).toEqual([
      { name: "Storage", path: "" }, { name: "data", path: "data" }, { name: "raw", path: "data/raw" },
    ]);
  });

  it("formats sizes in readable units", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(12 * 1024 * 1024)).toBe("12 MB");
  });
});
