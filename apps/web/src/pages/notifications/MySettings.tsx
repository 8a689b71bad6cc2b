import { useQuery } from "@tanstack/react-query";
import { Alert, Radio, Table, Typography } from "antd";

import { QueryState } from "../../components/QueryState.tsx";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";

type Setting = RouterOutputs["notification"]["mySettings"][number];
const MODES = ["IMMEDIATE", "DIGEST", "MUTED"] as const;

/** One row per kind of email, each with 立即 / 每日汇总 / 不接收; a change is saved at once. */
export function MySettings() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const settings = useQuery(trpc.notification.mySettings.queryOptions());
  const save = useAction(trpc.notification.setMySetting.mutationOptions(), {
    invalidate: [trpc.notification.mySettings.queryFilter()],
    success: t("common.saved"),
  });
  return (
    <>
      <Typography.Paragraph type="secondary">{t("notify.help")}</Typography.Paragraph>
      {save.error ? (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={save.error} />
      ) : null}
      <QueryState query={settings}>
        {(rows) => (
          <Table<Setting>
            size="small"
            rowKey="kind"
            dataSource={rows}
            pagination={false}
            columns={[
              {
                title: t("notify.kind"),
                render: (_v, r) => t(`notify.kind.${r.kind}` as MessageKey),
              },
              {
                title: t("notify.mode"),
                width: 330,
                render: (_v, r) => (
                  <Radio.Group
                    aria-label={t(`notify.kind.${r.kind}` as MessageKey)}
                    optionType="button"
                    size="small"
                    value={
                      save.pending && save.variables?.kind === r.kind ? save.variables.mode : r.mode
                    }
                    onChange={(e) =>
                      save.run({ kind: r.kind, mode: e.target.value as (typeof MODES)[number] })
                    }
                    options={MODES.map((m) => ({ value: m, label: t(`notify.mode.${m}`) }))}
                  />
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
