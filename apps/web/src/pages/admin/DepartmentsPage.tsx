import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Modal, Select, Switch, Table, Tag } from "antd";
import { useState } from "react";

import { ZDepartmentInput, ZUpdateDepartmentInput } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { AliasCell, type DepartmentAlias } from "./AliasCell.tsx";
import { useOfficeJurisdiction } from "./useOfficeJurisdiction.tsx";

type Department = RouterOutputs["admin"]["departments"][number];
type Values = { name: string; shortName?: string; keywords: string[]; contactEmails: string[] };
const FIELDS = ["name", "shortName", "keywords", "contactEmails"] as const;

export function DepartmentsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const { jurisdictionId, chooser, forbidden } = useOfficeJurisdiction();
  const list = useQuery({
    ...trpc.admin.departments.queryOptions({ jurisdictionId: jurisdictionId ?? "" }),
    enabled: !!jurisdictionId,
  });
  const aliases = useQuery({
    ...trpc.admin.departmentAliases.queryOptions({ jurisdictionId: jurisdictionId ?? "" }),
    enabled: !!jurisdictionId,
  });
  const aliasesOf = new Map<string, DepartmentAlias[]>();
  for (const a of aliases.data ?? [])
    aliasesOf.set(a.departmentId, [...(aliasesOf.get(a.departmentId) ?? []), a]);
  const [editing, setEditing] = useState<Department | "new" | null>(null);
  const toggle = useAction(trpc.admin.updateDepartment.mutationOptions(), {
    invalidate: [trpc.admin.departments.pathFilter()],
    errorAs: "message",
  });
  if (forbidden) return forbidden;
  return (
    <>
      <PageHeader
        title={t("admin.departments")}
        extra={
          <>
            {chooser}
            <Button type="primary" onClick={() => setEditing("new")}>
              {t("admin.newDepartment")}
            </Button>
          </>
        }
      />
      <QueryState query={list}>
        {(rows) => (
          <Table<Department>
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={{
              pageSize: 20,
              hideOnSinglePage: true,
              showTotal: (n) => t("common.total", { n }),
            }}
            columns={[
              { title: t("admin.deptName"), dataIndex: "name" },
              {
                title: t("admin.shortName"),
                dataIndex: "shortName",
                width: 140,
                render: (v: string | null) => v ?? "—",
              },
              {
                title: t("admin.keywords"),
                dataIndex: "keywords",
                ellipsis: true,
                render: (v?: string[]) => (v ?? []).map((k) => <Tag key={k}>{k}</Tag>),
              },
              {
                title: t("admin.aliases"),
                key: "aliases",
                render: (_v, r) => (
                  <AliasCell departmentId={r.id} aliases={aliasesOf.get(r.id) ?? []} />
                ),
              },
              {
                title: t("admin.active"),
                dataIndex: "active",
                width: 90,
                render: (v: boolean, r) => (
                  <Switch
                    size="small"
                    checked={v}
                    aria-label={`${r.name} ${t("admin.active")}`}
                    loading={toggle.pending && toggle.variables?.departmentId === r.id}
                    onChange={(active) => toggle.run({ departmentId: r.id, active })}
                  />
                ),
              },
              {
                title: t("common.actions"),
                width: 90,
                render: (_v, r) => (
                  <Button size="small" onClick={() => setEditing(r)}>
                    {t("common.edit")}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing && jurisdictionId ? (
        <DepartmentModal
          department={editing === "new" ? null : editing}
          jurisdictionId={jurisdictionId}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

export function DepartmentModal({
  department,
  jurisdictionId,
  onClose,
  onSaved,
}: {
  department: Department | null;
  jurisdictionId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const handlers = {
    invalidate: [trpc.admin.departments.pathFilter()],
    success: t("common.saved"),
    onSuccess: onSaved,
    fields: { form, names: FIELDS },
  };
  const create = useAction(trpc.admin.createDepartment.mutationOptions(), handlers);
  const update = useAction(trpc.admin.updateDepartment.mutationOptions(), handlers);
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    const base = {
      name: v.name ?? "",
      shortName: v.shortName || undefined,
      keywords: v.keywords ?? [],
      contactEmails: v.contactEmails ?? [],
    };
    return department ? { departmentId: department.id, ...base } : { jurisdictionId, ...base };
  };
  const schema = department ? ZUpdateDepartmentInput : ZDepartmentInput;
  const rule = (f: keyof Values) => zodRule(schema, f, toInput);
  const error = create.error ?? update.error;
  return (
    <Modal
      open
      title={department ? department.name : t("admin.newDepartment")}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.pending || update.pending}
      onOk={() => form.submit()}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: department?.name ?? "",
          shortName: department?.shortName ?? "",
          keywords: department?.keywords ?? [],
          contactEmails: department?.contactEmails ?? [],
        }}
        onFinish={() =>
          department
            ? update.run(ZUpdateDepartmentInput.parse(toInput()))
            : create.run(ZDepartmentInput.parse(toInput()))
        }
      >
        <Form.Item name="name" label={t("admin.deptName")} rules={[rule("name")]} required>
          <LimitedInput schema={schema} field="name" />
        </Form.Item>
        <Form.Item name="shortName" label={t("admin.shortName")} rules={[rule("shortName")]}>
          <LimitedInput schema={schema} field="shortName" />
        </Form.Item>
        <Form.Item
          name="keywords"
          label={t("admin.keywords")}
          extra={t("admin.keywordsHelp")}
          rules={[rule("keywords")]}
        >
          <Select mode="tags" open={false} tokenSeparators={[",", "，", "、"]} />
        </Form.Item>
        <Form.Item
          name="contactEmails"
          label={t("admin.contactEmails")}
          rules={[rule("contactEmails")]}
        >
          <Select mode="tags" open={false} tokenSeparators={[",", "，", " "]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
