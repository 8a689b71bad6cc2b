import { Navigate, useParams } from "react-router";

import { assignmentHref } from "./links.ts";

/** /cascade/:assignmentId → /assignments?assignment=… (links in mails and messages). */
export function AssignmentRedirect() {
  const { assignmentId = "" } = useParams();
  return <Navigate to={assignmentHref(assignmentId)} replace />;
}
