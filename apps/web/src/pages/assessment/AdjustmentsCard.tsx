import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Form,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import { useState } from "react";

import { ZAddScoreAdjustmentInput, ZRevokeScoreAdjustmentInput } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";

type Values = { departmentId: string; period: string; points: number; reason: string };

/** 加减分 of the year: the list (revoked ones struck through), and for the office add and revoke. */
export function AdjustmentsCard({
  jurisdictionId,
  year,
  office,
}: {
  jurisdictionId: string;
  year: number;
  office: boolean;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [revokeReason, setRevokeReason] = useState("");
  const list = useQuery(trpc.assessment.adjustments.list.queryOptions({ jurisdictionId, year }));
  // the units are the live sheet's (the office sees every active unit there)
  const units = useQuery({
    ...trpc.assessment.scores.queryOptions({ jurisdictionId, period: String(year) }),
    enabled: office,
  });
  const add = useAction(trpc.assessment.adjustments.add.mutationOptions(), {
    invalidate: [trpc.assessment.pathFilter()],
    success: t("common.saved"),
    onSuccess: () => form.resetFields(),
  });
  const revoke = useAction(trpc.assessment.adjustments.revoke.mutationOptions(), {
    invalidate: [trpc.assessment.pathFilter()],
    success: t("assessment.revoked"),
  });
  return (
    <Card size="small">
      {office ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12, rowGap: 8 }}
          onFinish={(v) => add.run({ jurisdictionId, ...v })}
        >
          <Form.Item name="departmentId" rules={[{ required: true }]}>
            <Select
              aria-label={t("assessment.unit")}
              placeholder={t("assessment.unit")}
              style={{ width: 180 }}
              options={(units.data?.units ?? []).map((u) => ({
                value: u.departmentId,
                label: u.departmentName,
              }))}
            />
          </Form.Item>
          <Form.Item name="period" rules={[{ required: true }]}>
            <Select
              aria-label={t("assessment.period")}
              placeholder={t("assessment.period")}
              style={{ width: 110 }}
              options={[1, 2, 3, 4].map((q) => ({ value: `${year}Q${q}`, label: `${year}Q${q}` }))}
            />
          </Form.Item>
          <Form.Item name="points" rules={[{ required: true }]}>
            <InputNumber
              aria-label={t("assessment.points")}
              placeholder={t("assessment.points")}
              min={-100}
              max={100}
              step={0.5}
            />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true }]}>
            <LimitedInput
              schema={ZAddScoreAdjustmentInput}
              field="reason"
              aria-label={t("common.reason")}
              placeholder={t("common.reason")}
              style={{ width: 220 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.pending}>
            {t("assessment.addAdjustment")}
          </Button>
        </Form>
      ) : null}
      {add.error ? <Alert type="error" title={add.error} style={{ marginBottom: 8 }} /> : null}
      {revoke.error ? (
        <Alert type="error" title={revoke.error} style={{ marginBottom: 8 }} />
      ) : null}
      <QueryState query={list}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: "max-content" }}
            columns={[
              { title: t("assessment.unit"), dataIndex: "departmentName" },
              { title: t("assessment.period"), dataIndex: "period" },
              {
                title: t("assessment.points"),
                dataIndex: "points",
                render: (v: number, r) => (
                  <span style={r.revokedAt ? { textDecoration: "line-through" } : undefined}>
                    {v > 0 ? `+${v}` : v}
                  </span>
                ),
              },
              { title: t("common.reason"), dataIndex: "reason" },
              {
                title: t("assessment.state"),
                render: (_, r) =>
                  r.revokedAt ? (
                    <Tag>{t("assessment.revokedTag", { reason: r.revokeReason ?? "" })}</Tag>
                  ) : office ? (
                    <Popconfirm
                      title={t("assessment.revokeConfirm")}
                      description={
                        <LimitedInput
                          schema={ZRevokeScoreAdjustmentInput}
                          field="reason"
                          aria-label={t("common.reason")}
                          placeholder={t("common.reason")}
                          value={revokeReason}
                          onChange={(e) => setRevokeReason(e.target.value)}
                        />
                      }
                      okButtonProps={{ disabled: !revokeReason.trim() }}
                      onConfirm={() => {
                        revoke.run({ adjustmentId: r.id, reason: revokeReason.trim() });
                        setRevokeReason("");
                      }}
                    >
                      <Button size="small" danger>
                        {t("assessment.revoke")}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Space />
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
