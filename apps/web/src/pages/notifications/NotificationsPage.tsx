import { useQuery } from "@tanstack/react-query";
import { Card, Select, Typography } from "antd";
import { useState } from "react";

import { jobJurisdictions, officeJurisdictions } from "../../app/access.ts";
import { useSession } from "../../app/plan-context.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { ChannelDeliveries } from "./ChannelDeliveries.tsx";
import { MySettings } from "./MySettings.tsx";
import { Outbox } from "./Outbox.tsx";
import { Robots } from "./Robots.tsx";

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
  const own = officeJurisdictions(me);
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
      {own.length ? <RobotsCard jurisdictions={own} /> : null}
      {offices.length ? (
        <Card
          size="small"
          title={<h2 className="card-title">{t("channels.deliveries")}</h2>}
          style={{ marginBottom: 16 }}
        >
          <Typography.Paragraph type="secondary">
            {t("channels.deliveriesHelp")}
          </Typography.Paragraph>
          <ChannelDeliveries jurisdictions={offices} />
        </Card>
      ) : null}
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

/** 群机器人 and 强制升级提醒 of one jurisdiction where the user is the office (its own only). */
function RobotsCard({ jurisdictions }: { jurisdictions: Array<{ id: string; name: string }> }) {
  const { t } = useI18n();
  const [jurisdictionId, setJurisdictionId] = useState(jurisdictions[0]!.id);
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t("channels.robots")}</h2>}
      extra={
        jurisdictions.length > 1 ? (
          <Select
            aria-label={t("admin.jurisdiction")}
            style={{ width: 160 }}
            value={jurisdictionId}
            onChange={setJurisdictionId}
            options={jurisdictions.map((j) => ({ value: j.id, label: j.name }))}
          />
        ) : null
      }
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">{t("channels.robotsHelp")}</Typography.Paragraph>
      <Robots key={jurisdictionId} jurisdictionId={jurisdictionId} />
    </Card>
  );
}
