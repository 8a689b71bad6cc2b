import { describe, expect, it } from "vitest";

import { ancestors, buildTree } from "./plan-tree.ts";

const nodes = [
  { id: "a", parentId: null, number: "一、", title: "总体要求", kind: "CHAPTER" },
  { id: "b", parentId: "a", number: "（一）", title: "指导思想", kind: "SECTION" },
  { id: "c", parentId: "b", number: "1.", title: "", kind: "ITEM" },
  { id: "d", parentId: "zz", number: "专栏 1", title: "重点工程", kind: "BOX" },
];

describe("plan tree", () => {
  it("nests nodes under their parents in document order", () => {
    const tree = buildTree(nodes);
    expect(tree.map((n) => n.key)).toEqual(["a", "d"]);
    expect(tree[0]!.children[0]!.children[0]!.title).toBe("1.");
    expect(tree[0]!.title).toBe("一、 总体要求");
  });
  it("finds the path to a node", () => {
    expect(ancestors(nodes, "c")).toEqual(["a", "b"]);
    expect(ancestors(nodes, "a")).toEqual([]);
  });
});
