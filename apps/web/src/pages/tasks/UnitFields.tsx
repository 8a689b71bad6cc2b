import { Form, Select } from "antd";
import type { Rule } from "antd/es/form";
import type { CSSProperties } from "react";

import { useI18n } from "../../lib/i18n.tsx";

export type UnitOption = { value: string; label: string };

/** The active units of a department list, as options of a unit picker. */
export function activeUnitOptions(
  departments: ReadonlyArray<{ id: string; name: string; active: boolean }> | undefined,
): UnitOption[] {
  return (departments ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
}

/**
 * The 牵头单位 and 配合单位 fields of a form (form names `leadDepartmentId`,
 * `supportingDepartmentIds`), checked by `rule` (the form's zod schema): one picker for 立项, a
 * follow-up of an instruction and a reassignment.
 */
export function UnitFields({
  options,
  rule,
  required,
  width,
}: {
  options: UnitOption[];
  rule: (field: "leadDepartmentId" | "supportingDepartmentIds") => Rule;
  required?: boolean;
  width?: number;
}) {
  const { t } = useI18n();
  const style: CSSProperties | undefined = width ? { width } : undefined;
  return (
    <>
      <Form.Item
        name="leadDepartmentId"
        label={t("task.lead")}
        rules={[rule("leadDepartmentId")]}
        required={required}
        style={style}
      >
        <Select showSearch={{ optionFilterProp: "label" }} options={options} />
      </Form.Item>
      <Form.Item
        name="supportingDepartmentIds"
        label={t("task.supporting")}
        rules={[rule("supportingDepartmentIds")]}
        style={width ? { width: width + 80 } : undefined}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: "label" }}
          options={options}
          maxTagCount="responsive"
        />
      </Form.Item>
    </>
  );
}
