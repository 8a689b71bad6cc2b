/** The top-level heading (chapter) a plan node sits under, walking up the tree; itself at the top. */
export function topAncestor<N extends { parentId: string | null }>(
  nodeById: Map<string, N>,
  nodeId: string | null,
): N | undefined {
  let node = nodeId ? nodeById.get(nodeId) : undefined;
  while (node?.parentId && nodeById.get(node.parentId)) node = nodeById.get(node.parentId);
  return node;
}
