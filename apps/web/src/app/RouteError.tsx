import { Button, Result } from "antd";
import { useRouteError } from "react-router";

import { useI18n } from "../lib/i18n.tsx";

/** A page that failed to load (often a new deployment replaced its chunk): offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t("common.pageFailed")}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </Button>
      }
    />
  );
}
