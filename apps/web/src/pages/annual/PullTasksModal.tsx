import { useQuery } from "@tanstack/react-query";
import { Alert, Checkbox, DatePicker, Empty, Flex, Input, Modal, Skeleton, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";

import { ZAddAnnualItemsInput } from "@duban/domain/schemas";

import { LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import type { AnnualDetail } from "./types.ts";

/** one row of the add-items input: the deliverable field's limit */
const ITEM_ROW = ZAddAnnualItemsInput.shape.items.element;

type Picked = Record<string, { deliverable: string; dueDate: string }>;

/**
 * 列入规划任务: the plan's tasks not yet in the year's plan, each ticked with its deliverable and
 * due date prefilled from its milestones in the year (annualPlan.suggestions); `preselect` ticks a
 * task just registered (立项).
 */
export function PullTasksModal({
  annual,
  preselect,
  onClose,
}: {
  annual: AnnualDetail;
  preselect?: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const suggestions = useQuery(
    trpc.annualPlan.suggestions.queryOptions({ annualPlanId: annual.id }),
  );
  const [picked, setPicked] = useState<Picked>({});
  const [filter, setFilter] = useState("");
  useEffect(() => {
    const s = suggestions.data?.find((x) => x.taskId === preselect);
    if (s)
      setPicked((p) => ({
        ...p,
        [s.taskId]: { deliverable: s.deliverable, dueDate: s.suggestedDueDate },
      }));
  }, [suggestions.data, preselect]);
  const add = useAction(trpc.annualPlan.addItems.mutationOptions(), {
    invalidate: [trpc.annualPlan.pathFilter()],
    success: (r) => t("annual.added", { n: r.itemIds.length }),
    onSuccess: onClose,
  });
  const rows = (suggestions.data ?? []).filter(
    (s) => !filter || s.title.includes(filter) || s.leadDepartment.name.includes(filter),
  );
  const items = Object.entries(picked).map(([taskId, v]) => ({ taskId, ...v }));
  const inYear = (d: dayjs.Dayjs) => d.year() !== annual.year;
  return (
    <Modal
      open
      title={t("annual.pullTitle")}
      onCancel={onClose}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: items.length === 0 }}
      confirmLoading={add.pending}
      onOk={() => add.run({ annualPlanId: annual.id, version: annual.version, items })}
      width={760}
    >
      <Typography.Paragraph type="secondary">{t("annual.pullHint")}</Typography.Paragraph>
      {add.error ? (
        <Alert type="error" showIcon title={add.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Input.Search
        allowClear
        placeholder={t("common.search")}
        onChange={(e) => setFilter(e.target.value.trim())}
        style={{ marginBottom: 12 }}
      />
      {suggestions.isPending ? <Skeleton active /> : null}
      {suggestions.data && rows.length === 0 ? <Empty description={t("annual.pullNone")} /> : null}
      <div style={{ maxHeight: "55vh", overflowY: "auto" }}>
        {rows.map((s) => {
          const p = picked[s.taskId];
          return (
            <div key={s.taskId} style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
              <Checkbox
                checked={!!p}
                onChange={(e) =>
                  setPicked((all) => {
                    const next = { ...all };
                    if (e.target.checked)
                      next[s.taskId] = { deliverable: s.deliverable, dueDate: s.suggestedDueDate };
                    else delete next[s.taskId];
                    return next;
                  })
                }
              >
                {s.title}
              </Checkbox>
              <div style={{ color: "#71717a", fontSize: 12, marginLeft: 24 }}>
                {s.leadDepartment.name} · {labels.taskStatus(s.status)} · {s.dueDate}
              </div>
              {p ? (
                <Flex wrap gap={8} style={{ marginLeft: 24, marginTop: 6 }}>
                  <LimitedTextArea
                    schema={ITEM_ROW}
                    field="deliverable"
                    aria-label={t("annual.col.deliverable")}
                    value={p.deliverable}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    style={{ flex: "1 1 240px" }}
                    onChange={(e) =>
                      setPicked((all) => ({
                        ...all,
                        [s.taskId]: { ...p, deliverable: e.target.value },
                      }))
                    }
                  />
                  <DatePicker
                    aria-label={t("annual.col.due")}
                    value={dayjs(p.dueDate)}
                    allowClear={false}
                    disabledDate={inYear}
                    onChange={(d) =>
                      d &&
                      setPicked((all) => ({
                        ...all,
                        [s.taskId]: { ...p, dueDate: d.format("YYYY-MM-DD") },
                      }))
                    }
                  />
                </Flex>
              ) : null}
            </div>
          );
        })}
      </div>
    </Modal>
  );
}
