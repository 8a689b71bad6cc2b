import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";

import { ZCreateRobotInput, zNotificationKind } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";

type Robot = RouterOutputs["channels"]["robots"][number];
type Platform = Robot["platform"];
const KINDS = zNotificationKind.options;

/**
 * 群机器人 (issue #20): the office's 企业微信 and 钉钉 group robots for its jurisdiction and its
 * units, with the kinds each posts; keys and secrets are only ever shown masked (the server never
 * sends them back), a new one replaces the old. 测试 queues a test post; a wrong key or signing
 * secret shows on the robot as 配置错误. Also the jurisdiction's 强制升级提醒 switch.
 */
export function Robots({ jurisdictionId }: { jurisdictionId: string }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const robots = useQuery(trpc.channels.robots.queryOptions({ jurisdictionId }));
  const [editing, setEditing] = useState<Robot | "new" | null>(null);
  const refetch = [trpc.channels.robots.pathFilter(), trpc.channels.deliveries.pathFilter()];
  const test = useAction(trpc.channels.testRobot.mutationOptions(), {
    invalidate: refetch,
    success: t("channels.testQueued"),
    errorAs: "message",
  });
  const remove = useAction(trpc.channels.deleteRobot.mutationOptions(), {
    invalidate: refetch,
    success: t("channels.robotDeleted"),
    errorAs: "message",
  });
  const toggle = useAction(trpc.channels.updateRobot.mutationOptions(), {
    invalidate: refetch,
    success: t("common.saved"),
    errorAs: "message",
  });
  return (
    <>
      <ForceEscalations jurisdictionId={jurisdictionId} />
      <Space style={{ margin: "12px 0" }}>
        <Button type="primary" onClick={() => setEditing("new")}>
          {t("channels.addRobot")}
        </Button>
      </Space>
      <QueryState query={robots}>
        {(rows) => (
          <Table<Robot>
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: t("channels.noRobots") }}
            columns={[
              { title: t("channels.robotName"), dataIndex: "name" },
              {
                title: t("channels.platform"),
                dataIndex: "platform",
                render: (p: Platform) => t(`channels.platform.${p}`),
              },
              {
                title: t("channels.group"),
                render: (_v, r) => r.departmentName ?? t("channels.jurisdictionGroup"),
              },
              {
                title: t("channels.key"),
                render: (_v, r) => (
                  <code>
                    {r.keyMasked}
                    {r.secretMasked ? ` / ${r.secretMasked}` : ""}
                  </code>
                ),
              },
              {
                title: t("channels.kinds"),
                render: (_v, r) => t("channels.kindCount", { count: r.kinds.length }),
              },
              {
                title: t("channels.state"),
                render: (_v, r) =>
                  r.misconfiguredAt ? (
                    <Space direction="vertical" size={0}>
                      <Tag color="error">{t("channels.misconfigured")}</Tag>
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {r.lastError} · {formatDateTime(r.misconfiguredAt, locale)}
                      </Typography.Text>
                    </Space>
                  ) : (
                    <Switch
                      size="small"
                      aria-label={`${r.name} ${t("channels.enabled")}`}
                      checked={r.enabled}
                      loading={toggle.pending && toggle.variables?.id === r.id}
                      onChange={(enabled) => toggle.run({ id: r.id, enabled })}
                    />
                  ),
              },
              {
                title: t("common.actions"),
                render: (_v, r) => (
                  <Space>
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t("common.edit")}
                    </Button>
                    <Button
                      size="small"
                      loading={test.pending && test.variables?.id === r.id}
                      onClick={() => test.run({ id: r.id })}
                    >
                      {t("channels.test")}
                    </Button>
                    <Popconfirm
                      title={t("channels.confirmDelete", { name: r.name })}
                      onConfirm={() => remove.run({ id: r.id })}
                    >
                      <Button size="small" danger>
                        {t("channels.delete")}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing ? (
        <RobotModal
          jurisdictionId={jurisdictionId}
          robot={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

type RobotValues = {
  platform: Platform;
  name: string;
  departmentId: string | null;
  key: string;
  secret: string;
  kinds: string[];
};

/** Add or change a robot. An empty key or secret field on a change keeps the stored one. */
function RobotModal({
  jurisdictionId,
  robot,
  onClose,
}: {
  jurisdictionId: string;
  robot: Robot | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<RobotValues>();
  const platform = Form.useWatch("platform", form) ?? robot?.platform ?? "WECOM";
  const units = useQuery(trpc.admin.departments.queryOptions({ jurisdictionId }));
  const handlers = {
    invalidate: [trpc.channels.robots.pathFilter()],
    success: t("common.saved"),
    onSuccess: onClose,
    fields: { form, names: ["name", "key", "secret", "kinds", "departmentId"] as const },
  };
  const create = useAction(trpc.channels.createRobot.mutationOptions(), handlers);
  const update = useAction(trpc.channels.updateRobot.mutationOptions(), handlers);
  const error = create.error ?? update.error;
  const submit = (v: RobotValues) => {
    const kinds = v.kinds.filter((k): k is (typeof KINDS)[number] =>
      (KINDS as readonly string[]).includes(k),
    );
    if (robot)
      update.run({
        id: robot.id,
        name: v.name,
        departmentId: v.departmentId ?? null,
        kinds,
        ...(v.key.trim() ? { key: v.key.trim() } : {}),
        ...(platform === "DINGTALK" && v.secret.trim() ? { secret: v.secret.trim() } : {}),
      });
    else
      create.run({
        jurisdictionId,
        platform: v.platform,
        name: v.name,
        departmentId: v.departmentId ?? null,
        key: v.key.trim(),
        secret: v.platform === "DINGTALK" && v.secret.trim() ? v.secret.trim() : null,
        kinds,
        enabled: true,
      });
  };
  return (
    <Modal
      open
      title={robot ? robot.name : t("channels.addRobot")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.pending || update.pending}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={error} />
      ) : null}
      <Form<RobotValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          platform: robot?.platform ?? "WECOM",
          name: robot?.name ?? "",
          departmentId: robot?.departmentId ?? null,
          key: "",
          secret: "",
          kinds: robot?.kinds ?? ["overdue-escalation", "supervision-notice"],
        }}
      >
        <Form.Item name="platform" label={t("channels.platform")}>
          <Radio.Group
            disabled={robot !== null}
            options={(["WECOM", "DINGTALK"] as const).map((p) => ({
              value: p,
              label: t(`channels.platform.${p}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("channels.robotName")}
          rules={[{ required: true, message: t("channels.nameRequired") }]}
        >
          <LimitedInput schema={ZCreateRobotInput} field="name" />
        </Form.Item>
        <Form.Item name="departmentId" label={t("channels.group")}>
          <Select
            allowClear
            placeholder={t("channels.jurisdictionGroup")}
            loading={units.isLoading}
            options={(units.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="key"
          label={platform === "WECOM" ? t("channels.wecomKey") : t("channels.dingtalkToken")}
          extra={robot ? t("channels.keepKey", { masked: robot.keyMasked }) : undefined}
          rules={robot ? [] : [{ required: true, message: t("channels.keyRequired") }]}
        >
          <Input.Password autoComplete="off" />
        </Form.Item>
        {platform === "DINGTALK" ? (
          <Form.Item
            name="secret"
            label={t("channels.dingtalkSecret")}
            extra={
              robot?.secretMasked
                ? t("channels.keepKey", { masked: robot.secretMasked })
                : t("channels.secretHelp")
            }
          >
            <Input.Password autoComplete="off" placeholder="SEC…" />
          </Form.Item>
        ) : null}
        <Form.Item name="kinds" label={t("channels.kinds")} extra={t("channels.kindsHelp")}>
          <Select
            mode="multiple"
            options={KINDS.map((k) => ({ value: k, label: labels.notificationKind(k) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 强制升级提醒: escalations reach everyone by email, inbox and SMS whatever they chose. */
function ForceEscalations({ jurisdictionId }: { jurisdictionId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const settings = useQuery(trpc.channels.settings.queryOptions({ jurisdictionId }));
  const set = useAction(trpc.channels.setForceEscalations.mutationOptions(), {
    invalidate: [trpc.channels.settings.pathFilter()],
    success: t("common.saved"),
    errorAs: "message",
  });
  return (
    <Space align="start">
      <Switch
        aria-label={t("channels.forceEscalations")}
        checked={set.pending ? set.variables?.force : settings.data?.forceEscalations}
        loading={settings.isLoading || set.pending}
        onChange={(force) => set.run({ jurisdictionId, force })}
      />
      <span>
        <Typography.Text strong>{t("channels.forceEscalations")}</Typography.Text>
        <br />
        <Typography.Text type="secondary">{t("channels.forceEscalationsHelp")}</Typography.Text>
      </span>
    </Space>
  );
}
