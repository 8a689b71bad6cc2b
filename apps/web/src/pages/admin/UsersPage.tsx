import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Switch,
  Table,
  Tag,
  Tooltip,
} from "antd";
import { useState } from "react";

import { ZCreateUserInput, ZSetUserExternalIdInput } from "@duban/domain/schemas";

import { useSession } from "../../app/plan-context.tsx";
import { LimitedInput } from "../../components/LimitedInput.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { useOfficeJurisdiction } from "./useOfficeJurisdiction.tsx";

type User = RouterOutputs["admin"]["users"][number];
type Values = {
  email: string;
  name: string;
  role: "OFFICE" | "DEPARTMENT" | "LEADER";
  departmentId?: string;
  password: string;
};
const FIELDS = ["email", "name", "role", "departmentId", "password"] as const;

export function UsersPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const { message } = App.useApp();
  const { me } = useSession();
  const { jurisdictionId, chooser, forbidden } = useOfficeJurisdiction();
  const list = useQuery({
    ...trpc.admin.users.queryOptions({ jurisdictionId: jurisdictionId ?? "" }),
    enabled: !!jurisdictionId,
  });
  const [creating, setCreating] = useState(false);
  const [linking, setLinking] = useState<User | null>(null);
  const [numbering, setNumbering] = useState<User | null>(null);
  const jurisdictions = useQuery(trpc.admin.jurisdictions.queryOptions());
  const requireOidc =
    jurisdictions.data?.find((j) => j.id === jurisdictionId)?.requireOidc ?? false;
  const setRequireOidc = useAction(trpc.admin.setRequireOidc.mutationOptions(), {
    invalidate: [trpc.admin.jurisdictions.pathFilter()],
    errorAs: "message",
  });
  const disable = useAction(trpc.admin.setUserDisabled.mutationOptions(), {
    invalidate: [trpc.admin.users.pathFilter()],
    errorAs: "message",
    onSuccess: (r) => {
      // disabling is never refused; a unit left without anyone to email is said, so a contact address gets added
      if (r.unitsWithoutRecipients.length)
        void message.warning(
          t("admin.unitsWithoutRecipients", {
            units: r.unitsWithoutRecipients.map((u) => u.name).join("、"),
          }),
          8,
        );
    },
  });
  if (forbidden) return forbidden;
  return (
    <>
      <PageHeader
        title={t("admin.users")}
        extra={
          <>
            {chooser}
            <Tooltip title={t("admin.requireOidcHelp")}>
              <label style={{ display: "inline-flex", gap: 6, alignItems: "center" }}>
                <Switch
                  size="small"
                  checked={requireOidc}
                  loading={setRequireOidc.pending}
                  disabled={!jurisdictionId || !jurisdictions.data}
                  onChange={(on) =>
                    jurisdictionId && setRequireOidc.run({ jurisdictionId, requireOidc: on })
                  }
                />
                {t("admin.requireOidc")}
              </label>
            </Tooltip>
            <Button type="primary" onClick={() => setCreating(true)}>
              {t("admin.newUser")}
            </Button>
          </>
        }
      />
      <QueryState query={list}>
        {(rows) => (
          <Table<User>
            size="small"
            rowKey="id"
            scroll={{ x: "max-content" }}
            dataSource={rows}
            pagination={{
              pageSize: 20,
              hideOnSinglePage: true,
              showTotal: (n) => t("common.total", { n }),
            }}
            columns={[
              { title: t("admin.userName"), dataIndex: "name" },
              { title: t("auth.email"), dataIndex: "email" },
              {
                title: t("admin.role"),
                render: (_v, r) =>
                  r.memberships.map((m, i) => (
                    <Tag key={i}>
                      {labels.role(m.role)}
                      {m.department ? ` · ${m.department.name}` : ""}
                    </Tag>
                  )),
              },
              {
                title: t("admin.externalId"),
                render: (_v, r) => (
                  <Button size="small" type="link" onClick={() => setLinking(r)}>
                    {r.externalId ?? t("admin.externalIdNone")}
                  </Button>
                ),
              },
              {
                title: t("channels.mobile"),
                width: 130,
                // one's own number is confirmed by SMS code (我的通知设置), not set here
                render: (_v, r) =>
                  r.id === me.id ? (
                    (r.mobile ?? t("admin.mobileNone"))
                  ) : (
                    <Button size="small" type="link" onClick={() => setNumbering(r)}>
                      {r.mobile ?? t("admin.mobileNone")}
                    </Button>
                  ),
              },
              {
                title: t("task.status"),
                width: 90,
                render: (_v, r) =>
                  r.disabledAt ? (
                    <Tag color="red">{t("admin.disabled")}</Tag>
                  ) : (
                    <Tag color="green">{t("admin.enabled")}</Tag>
                  ),
              },
              {
                title: t("admin.created"),
                width: 150,
                render: (_v, r) => formatDateTime(r.createdAt, locale),
              },
              {
                title: t("common.actions"),
                width: 90,
                render: (_v, r) =>
                  r.id === me.id ? null : (
                    <Popconfirm
                      title={r.disabledAt ? t("admin.enable") : t("admin.disable")}
                      onConfirm={() => disable.run({ userId: r.id, disabled: !r.disabledAt })}
                    >
                      <Button
                        size="small"
                        danger={!r.disabledAt}
                        loading={disable.pending && disable.variables?.userId === r.id}
                      >
                        {r.disabledAt ? t("admin.enable") : t("admin.disable")}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      {linking ? <ExternalIdModal user={linking} onClose={() => setLinking(null)} /> : null}
      {numbering && jurisdictionId ? (
        <MemberMobileModal
          user={numbering}
          jurisdictionId={jurisdictionId}
          onClose={() => setNumbering(null)}
        />
      ) : null}
      {creating && jurisdictionId ? (
        <UserModal
          jurisdictionId={jurisdictionId}
          onClose={() => setCreating(false)}
          onSaved={() => setCreating(false)}
        />
      ) : null}
    </>
  );
}

export function UserModal({
  jurisdictionId,
  onClose,
  onSaved,
}: {
  jurisdictionId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch("role", form);
  const departments = useQuery(trpc.admin.departments.queryOptions({ jurisdictionId }));
  const create = useAction(trpc.admin.createUser.mutationOptions(), {
    invalidate: [trpc.admin.users.pathFilter()],
    success: t("common.saved"),
    onSuccess: onSaved,
    fields: { form, names: FIELDS },
  });
  const toInput = () => ({ jurisdictionId, ...(form.getFieldsValue(true) as Values) });
  const rule = (f: keyof Values) => zodRule(ZCreateUserInput, f, toInput);
  return (
    <Modal
      open
      title={t("admin.newUser")}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.pending}
      onOk={() => form.submit()}
    >
      {create.error ? (
        <Alert type="error" showIcon title={create.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: "DEPARTMENT" }}
        onFinish={() => create.run(ZCreateUserInput.parse(toInput()))}
      >
        <Form.Item name="name" label={t("admin.userName")} rules={[rule("name")]} required>
          <LimitedInput schema={ZCreateUserInput} field="name" />
        </Form.Item>
        <Form.Item name="email" label={t("auth.email")} rules={[rule("email")]} required>
          <LimitedInput schema={ZCreateUserInput} field="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t("admin.role")} rules={[rule("role")]} required>
          <Select
            options={(["DEPARTMENT", "OFFICE", "LEADER"] as const).map((r) => ({
              value: r,
              label: labels.role(r),
            }))}
          />
        </Form.Item>
        {role === "DEPARTMENT" ? (
          <Form.Item
            name="departmentId"
            label={t("admin.department")}
            rules={[rule("departmentId")]}
            required
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={(departments.data ?? [])
                .filter((d) => d.active)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="password"
          label={t("admin.initialPassword")}
          rules={[rule("password")]}
          required
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The office links an account to the unified identity platform (统一身份认证), or unlinks it. */
function ExternalIdModal({ user, onClose }: { user: User; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [value, setValue] = useState(user.externalId ?? "");
  const save = useAction(trpc.admin.setUserExternalId.mutationOptions(), {
    invalidate: [trpc.admin.users.pathFilter()],
    errorAs: "message",
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={`${t("admin.setExternalId")} · ${user.name}`}
      onCancel={onClose}
      okButtonProps={{ loading: save.pending }}
      onOk={() => save.run({ userId: user.id, externalId: value.trim() || null })}
    >
      <Form layout="vertical">
        <Form.Item label={t("admin.externalId")} help={t("admin.externalIdHelp")}>
          <LimitedInput
            schema={ZSetUserExternalIdInput}
            field="externalId"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The office enters or clears a member's mobile for SMS (channels.setMemberMobile: members whose
 * every role is in this office's jurisdictions; the list shows it masked, so the field starts empty).
 */
function MemberMobileModal({
  user,
  jurisdictionId,
  onClose,
}: {
  user: User;
  jurisdictionId: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<{ mobile: string }>();
  const typed = Form.useWatch("mobile", form) ?? "";
  const save = useAction(trpc.channels.setMemberMobile.mutationOptions(), {
    invalidate: [trpc.admin.users.pathFilter()],
    success: t("common.saved"),
    fields: { form, names: ["mobile"] },
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={`${t("admin.setMobile")} · ${user.name}`}
      onCancel={onClose}
      // the field starts empty (the list has the number masked): saving it empty would remove it
      okButtonProps={{ loading: save.pending, disabled: !typed.trim() }}
      onOk={() => form.submit()}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {user.mobile ? (
            <Popconfirm
              title={t("admin.removeMobile")}
              onConfirm={() => save.run({ jurisdictionId, userId: user.id, mobile: null })}
            >
              <Button danger style={{ float: "left" }}>
                {t("admin.removeMobile")}
              </Button>
            </Popconfirm>
          ) : null}
          <CancelBtn />
          <OkBtn />
        </>
      )}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mobile: "" }}
        onFinish={(v) => {
          if (v.mobile.trim()) save.run({ jurisdictionId, userId: user.id, mobile: v.mobile });
        }}
      >
        <Form.Item
          name="mobile"
          label={t("channels.mobile")}
          extra={t("admin.mobileHelp", { current: user.mobile ?? t("admin.mobileNone") })}
        >
          <Input inputMode="tel" autoComplete="off" placeholder="138 0000 0000" />
        </Form.Item>
      </Form>
      {save.error ? <Alert type="error" showIcon role="alert" title={save.error} /> : null}
    </Modal>
  );
}
