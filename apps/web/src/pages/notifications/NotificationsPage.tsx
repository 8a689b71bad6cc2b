import { Card } from "antd";
import { useI18n } from "../../lib/i18n.tsx";
import { useSession } from "../../app/plan-context.tsx";
import { officeJurisdictions } from "../../app/access.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { MySettings } from "./MySettings.tsx";
import { Outbox } from "./Outbox.tsx";

/** 通知设置: everyone's own delivery choices; for offices, the outbox of their jurisdiction too. */
export function NotificationsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const offices = officeJurisdictions(me);
  return (
    <>
      <PageHeader title={t("menu.notifications")} />
      <Card size="small" title={<h2 className="card-title">{t("notify.mine")}</h2>} style={{ marginBottom: 16 }}>
        <MySettings />
      </Card>
      {offices.length ? (
        <Card size="small" title={<h2 className="card-title">{t("notify.outbox")}</h2>}>
          <Outbox jurisdictions={offices} />
        </Card>
      ) : null}
    </>
  );
}
