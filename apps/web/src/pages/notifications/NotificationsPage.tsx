import { useQuery } from "@tanstack/react-query";
import { Card, Typography } from "antd";

import { jobJurisdictions, officeJurisdictions } from "../../app/access.ts";
import { useSession } from "../../app/plan-context.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { MySettings } from "./MySettings.tsx";
import { Outbox } from "./Outbox.tsx";

/**
 * 通知设置: everyone's own delivery choices; for offices, the outbox of what their jurisdictions
 * caused too (a city's office: also the counties below, as the server allows).
 */
export function NotificationsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const trpc = useTRPC();
  const isOffice = officeJurisdictions(me).length > 0;
  const readable = useQuery(
    trpc.admin.jurisdictions.queryOptions(undefined, { enabled: isOffice }),
  );
  const offices = jobJurisdictions(me, readable.data ?? []);
  return (
    <>
      <PageHeader title={t("menu.notifications")} />
      <Card
        size="small"
        title={<h2 className="card-title">{t("notifications.mine")}</h2>}
        style={{ marginBottom: 16 }}
      >
        <MySettings />
      </Card>
      {offices.length ? (
        <Card size="small" title={<h2 className="card-title">{t("notifications.outbox")}</h2>}>
          <Typography.Paragraph type="secondary">
            {t("notifications.outboxHelp")}
          </Typography.Paragraph>
          <Outbox jurisdictions={offices} />
        </Card>
      ) : null}
    </>
  );
}
