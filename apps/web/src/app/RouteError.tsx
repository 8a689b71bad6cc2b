import { Button } from "antd";
import { useRouteError } from "react-router";

import { ErrorPanel } from "../components/ErrorPanel.tsx";
import { useI18n } from "../lib/i18n.tsx";

/** A page that failed to load (often a new deployment replaced its chunk): offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <ErrorPanel
      title={t("common.pageFailed")}
      detail={error instanceof Error ? error.message : String(error)}
      action={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </Button>
      }
    />
  );
}
