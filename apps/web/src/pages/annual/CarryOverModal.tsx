import { useQuery } from "@tanstack/react-query";
import { Alert, Checkbox, DatePicker, Empty, Flex, Modal, Skeleton } from "antd";
import dayjs from "dayjs";
import { useState } from "react";

import { ZCarryOverInput } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import type { AnnualDetail } from "./types.ts";

/** one row of the carry-over input: the reason field's limit */
const CARRY_ROW = ZCarryOverInput.shape.items.element;

type Picked = Record<string, { reason: string; dueDate: string }>;

/** 结转: the previous year's unfinished items, each carried with its reason and this year's due date. */
export function CarryOverModal({ annual, onClose }: { annual: AnnualDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const candidates = useQuery(
    trpc.annualPlan.carryOverCandidates.queryOptions({ annualPlanId: annual.id }),
  );
  const [picked, setPicked] = useState<Picked>({});
  const carry = useAction(trpc.annualPlan.carryOver.mutationOptions(), {
    invalidate: [trpc.annualPlan.pathFilter()],
    success: (r) => t("annual.carried", { n: r.itemIds.length }),
    onSuccess: onClose,
  });
  const items = Object.entries(picked).map(([fromItemId, v]) => ({ fromItemId, ...v }));
  const missingReason = items.some((i) => !i.reason.trim());
  return (
    <Modal
      open
      title={t("annual.carryOverTitle", { year: annual.year - 1 })}
      onCancel={onClose}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: items.length === 0 || missingReason }}
      confirmLoading={carry.pending}
      onOk={() => carry.run({ annualPlanId: annual.id, version: annual.version, items })}
      width={720}
    >
      {carry.error ? (
        <Alert type="error" showIcon title={carry.error} style={{ marginBottom: 12 }} />
      ) : null}
      {candidates.isPending ? <Skeleton active /> : null}
      {candidates.data?.length === 0 ? <Empty description={t("annual.carryOverNone")} /> : null}
      {candidates.data?.map((c) => {
        const p = picked[c.fromItemId];
        return (
          <div key={c.fromItemId} style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
            <Checkbox
              checked={!!p}
              onChange={(e) =>
                setPicked((all) => {
                  const next = { ...all };
                  if (e.target.checked)
                    next[c.fromItemId] = {
                      reason: c.explanation ?? "",
                      // the same day of the year (28 February for a 29th)
                      dueDate: `${annual.year}-${c.dueDate.slice(5).replace("02-29", "02-28")}`,
                    };
                  else delete next[c.fromItemId];
                  return next;
                })
              }
            >
              {c.taskTitle}
            </Checkbox>
            <div style={{ color: "#71717a", fontSize: 12, marginLeft: 24 }}>
              {c.leadDepartment.name} · {c.deliverable} · {c.dueDate}
            </div>
            {p ? (
              <Flex wrap gap={8} style={{ marginLeft: 24, marginTop: 6 }}>
                <LimitedInput
                  schema={CARRY_ROW}
                  field="reason"
                  aria-label={t("annual.reason")}
                  placeholder={t("annual.reason")}
                  value={p.reason}
                  status={p.reason.trim() ? undefined : "error"}
                  style={{ flex: "1 1 240px" }}
                  onChange={(e) =>
                    setPicked((all) => ({
                      ...all,
                      [c.fromItemId]: { ...p, reason: e.target.value },
                    }))
                  }
                />
                <DatePicker
                  aria-label={t("annual.col.due")}
                  value={dayjs(p.dueDate)}
                  allowClear={false}
                  disabledDate={(d) => d.year() !== annual.year}
                  onChange={(d) =>
                    d &&
                    setPicked((all) => ({
                      ...all,
                      [c.fromItemId]: { ...p, dueDate: d.format("YYYY-MM-DD") },
                    }))
                  }
                />
              </Flex>
            ) : null}
          </div>
        );
      })}
      {missingReason ? (
        <div role="alert" style={{ color: "#a8071a", marginTop: 8 }}>
          {t("annual.reasonRequired")}
        </div>
      ) : null}
    </Modal>
  );
}
