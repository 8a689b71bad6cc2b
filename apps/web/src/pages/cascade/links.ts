/** Where an assignment opens: the 下达事项 page with it selected (notification links use it). */
export function assignmentHref(assignmentId: string, tab?: "received" | "given"): string {
  const q = new URLSearchParams({ assignment: assignmentId });
  if (tab) q.set("tab", tab);
  return `/assignments?${q.toString()}`;
}
