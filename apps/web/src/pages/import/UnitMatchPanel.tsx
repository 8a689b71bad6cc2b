import { Alert, Button, Select, Space, Table, Typography } from "antd";
import { useState } from "react";

import { ZDepartmentInput } from "@duban/domain/schemas";
import type { WrittenUnit } from "@duban/domain/task-drafts";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { UnitMatchTag } from "./written-units.tsx";

export type WrittenUnitRow = WrittenUnit & { drafts: number };
type Unit = { id: string; name: string; active: boolean };
/** What the office decided for one written name. */
type Choice =
  | { action: "map"; departmentId: string }
  | { action: "create"; name: string }
  | { action: "ignore" };

type Match =
  | { action: "map"; written: string; departmentId: string }
  | { action: "create"; written: string; name: string };

const CREATE = "__create__";
const IGNORE = "__ignore__";

function choiceValue(c: Choice): string {
  if (c.action === "map") return c.departmentId;
  return c.action === "create" ? CREATE : IGNORE;
}

function choiceOfValue(value: string, written: string): Choice {
  if (value === CREATE) return { action: "create", name: written };
  if (value === IGNORE) return { action: "ignore" };
  return { action: "map", departmentId: value };
}

/** The proposal: a matched name keeps its unit, a new name becomes a new unit, a collective one is ignored. */
function proposed(row: WrittenUnitRow): Choice {
  if (row.status === "matched") return { action: "map", departmentId: row.departmentId! };
  if (row.status === "collective") return { action: "ignore" };
  return { action: "create", name: row.written };
}

/**
 * 确认单位匹配: every distinct unit name the document writes, with its proposed match. The office
 * maps a name to an existing unit, creates a new one, or ignores a collective name, and confirms
 * all at once (admin.confirmUnitMatches: one transaction; the names are kept as aliases). The
 * directory's queries are then refetched and the drafts re-resolve against them.
 */
export function UnitMatchPanel({
  jurisdictionId,
  rows,
  units,
}: {
  jurisdictionId: string;
  rows: WrittenUnitRow[];
  units: Unit[];
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [choices, setChoices] = useState<Map<string, Choice>>(() => new Map());
  const choiceOf = (row: WrittenUnitRow) => choices.get(row.written) ?? proposed(row);
  const set = (written: string, choice: Choice) =>
    setChoices((m) => new Map(m).set(written, choice));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const options = [
    { value: CREATE, label: t("import.units.create") },
    { value: IGNORE, label: t("import.units.ignore") },
    ...units.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
  ];
  const matches = rows.flatMap((row): Match[] => {
    const c = choiceOf(row);
    if (c.action === "create") return [{ action: "create", written: row.written, name: c.name }];
    if (c.action === "map" && c.departmentId !== row.departmentId)
      return [{ action: "map", written: row.written, departmentId: c.departmentId }];
    return [];
  });
  const confirm = useAction(trpc.admin.confirmUnitMatches.mutationOptions(), {
    invalidate: [trpc.admin.departments.pathFilter(), trpc.admin.departmentAliases.pathFilter()],
    success: (r) => t("import.units.confirmed", { n: r.length }),
    onSuccess: () => setChoices(new Map()),
  });
  if (!rows.length) return null;
  return (
    <section aria-label={t("import.units.title")} style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t("import.units.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("import.units.hint")}</Typography.Paragraph>
      <Table<WrittenUnitRow>
        size="small"
        rowKey="written"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          {
            title: t("import.units.written"),
            render: (_v, r) => (
              <Space size={4} wrap>
                <Typography.Text>{r.written}</Typography.Text>
                {r.status === "matched" ? null : <UnitMatchTag unit={r} names={names} t={t} />}
              </Space>
            ),
          },
          { title: t("import.units.tasks"), dataIndex: "drafts", width: 80 },
          {
            title: t("import.units.match"),
            width: 360,
            render: (_v, r) => {
              const c = choiceOf(r);
              const value = choiceValue(c);
              return (
                <Space direction="vertical" style={{ width: "100%" }}>
                  <Select
                    aria-label={`${r.written} ${t("import.units.match")}`}
                    style={{ width: "100%" }}
                    showSearch={{ optionFilterProp: "label" }}
                    options={options}
                    value={value}
                    onChange={(v: string) => set(r.written, choiceOfValue(v, r.written))}
                  />
                  {c.action === "create" ? (
                    <LimitedInput
                      schema={ZDepartmentInput}
                      field="name"
                      size="small"
                      aria-label={`${r.written} ${t("import.units.newName")}`}
                      value={c.name}
                      onChange={(e) => set(r.written, { action: "create", name: e.target.value })}
                    />
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
      {confirm.error ? (
        <Alert type="error" showIcon role="alert" title={confirm.error} style={{ marginTop: 8 }} />
      ) : null}
      <Button
        style={{ marginTop: 8 }}
        type="primary"
        disabled={!matches.length}
        loading={confirm.pending}
        onClick={() => confirm.run({ jurisdictionId, matches })}
      >
        {matches.length
          ? `${t("import.units.confirm")}（${matches.length}）`
          : t("import.units.nothing")}
      </Button>
    </section>
  );
}
