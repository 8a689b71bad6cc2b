/** A flat, ordered node list (parents first) as the nested shape antd Tree takes. */
export type FlatNode = {
  id: string;
  parentId: string | null;
  number: string;
  title: string;
  kind: string;
};
export type TreeItem = { key: string; title: string; kind: string; children: TreeItem[] };

export function buildTree(nodes: FlatNode[]): TreeItem[] {
  const byId = new Map<string, TreeItem>();
  const roots: TreeItem[] = [];
  for (const n of nodes) {
    const item: TreeItem = {
      key: n.id,
      title: `${n.number ? `${n.number} ` : ""}${n.title}`.trim() || n.kind,
      kind: n.kind,
      children: [],
    };
    byId.set(n.id, item);
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    // an orphan (parent missing or listed later) still shows, at the top level
    (parent ? parent.children : roots).push(item);
  }
  return roots;
}

/** Ids of a node's ancestors, for expanding the tree down to a selected node. */
export function ancestors(nodes: FlatNode[], id: string): string[] {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const out: string[] = [];
  for (let p = parent.get(id) ?? null; p; p = parent.get(p) ?? null) out.unshift(p);
  return out;
}
