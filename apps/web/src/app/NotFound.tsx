import { Button, Result } from "antd";
import { Link } from "react-router";

import { useI18n } from "../lib/i18n.tsx";

export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("common.notFound")}
      extra={
        <Link to="/overview">
          <Button type="primary">{t("menu.overview")}</Button>
        </Link>
      }
    />
  );
}
