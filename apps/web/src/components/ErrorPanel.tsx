import { Alert } from "antd";
import type { ReactNode } from "react";

/**
 * A whole page that could not be shown (a failed chunk, the session that would not load), with
 * what to do about it. An Alert, not antd's Result: Result brings its 403/404/500 illustrations
 * (about 37 kB) into the entry chunk every page pays for on a phone's slow network (issue #20).
 */
export function ErrorPanel({
  title,
  detail,
  action,
}: {
  title: string;
  detail?: ReactNode;
  action: ReactNode;
}) {
  return (
    <div role="alert" style={{ maxWidth: 560, margin: "48px auto", padding: "0 16px" }}>
      <Alert
        type="error"
        showIcon
        title={title}
        description={
          <>
            {detail ? (
              <div style={{ marginBottom: 12, wordBreak: "break-word" }}>{detail}</div>
            ) : null}
            {action}
          </>
        }
      />
    </div>
  );
}
