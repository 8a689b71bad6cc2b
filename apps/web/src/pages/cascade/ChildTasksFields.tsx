import { Button, Card, Col, DatePicker, Form, InputNumber, Row, Select } from "antd";
import type { FormInstance, FormRule } from "antd";
import type { Dayjs } from "dayjs";

import { zChildTask } from "@duban/domain/schemas";

import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { firstIssue } from "../../lib/zod-rules.ts";
import { blankChildTask, toChildTask, type ChildTaskInput } from "./child-tasks.ts";

export type UnitGroups = Array<{ label: string; options: Array<{ value: string; label: string }> }>;

/**
 * The task rows of a 分解 or 细化 form (form list `tasks`): title, 牵头单位 (a department or a
 * town), 配合单位, start and due, weight among the siblings. Each field is checked by the api's own
 * zChildTask, so the form says what the server would. One card per task, fields stacked on a phone.
 */
export function ChildTasksFields({
  form,
  units,
  start,
  due,
  outside,
}: {
  form: FormInstance;
  units: UnitGroups;
  /** the dates a new row starts with (the parent's) */
  start?: Dayjs | null;
  due?: Dayjs | null;
  /** days the plan does not cover */
  outside?: (d: Dayjs) => boolean;
}) {
  const { t } = useI18n();
  const rule =
    (index: number, field: keyof ChildTaskInput): FormRule =>
    () => ({
      validator: async () => {
        const row = form.getFieldValue(["tasks", index]);
        const message = firstIssue(zChildTask, toChildTask(row), field);
        if (message) throw new Error(message);
      },
    });
  return (
    <Form.List name="tasks">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row, index) => (
            <Card
              key={row.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t("cascade.childTask", { n: index + 1 })}
              extra={
                rows.length > 1 ? (
                  <Button size="small" danger type="link" onClick={() => remove(row.name)}>
                    {t("cascade.removeTask")}
                  </Button>
                ) : null
              }
            >
              <Form.Item
                name={[row.name, "title"]}
                label={t("task.name")}
                rules={[rule(index, "title")]}
                required
              >
                <LimitedInput schema={zChildTask} field="title" />
              </Form.Item>
              <Form.Item
                name={[row.name, "description"]}
                label={t("task.description")}
                rules={[rule(index, "description")]}
              >
                <LimitedTextArea
                  schema={zChildTask}
                  field="description"
                  autoSize={{ minRows: 1, maxRows: 4 }}
                />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={[row.name, "leadDepartmentId"]}
                    label={t("task.lead")}
                    rules={[rule(index, "leadDepartmentId")]}
                    required
                  >
                    <Select
                      showSearch={{ optionFilterProp: "label" }}
                      options={units}
                      aria-label={t("task.lead")}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={[row.name, "supportingDepartmentIds"]}
                    label={t("task.supporting")}
                    rules={[rule(index, "supportingDepartmentIds")]}
                  >
                    <Select
                      mode="multiple"
                      showSearch={{ optionFilterProp: "label" }}
                      options={units}
                      maxTagCount="responsive"
                      aria-label={t("task.supporting")}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={9}>
                  <Form.Item
                    name={[row.name, "startDate"]}
                    label={t("task.start")}
                    rules={[rule(index, "startDate")]}
                    required
                  >
                    <DatePicker style={{ width: "100%" }} disabledDate={outside} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={9}>
                  <Form.Item
                    name={[row.name, "dueDate"]}
                    label={t("task.due")}
                    rules={[rule(index, "dueDate")]}
                    required
                  >
                    <DatePicker style={{ width: "100%" }} disabledDate={outside} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={6}>
                  <Form.Item
                    name={[row.name, "weight"]}
                    label={t("cascade.weight")}
                    tooltip={t("cascade.weightHelp")}
                    rules={[rule(index, "weight")]}
                  >
                    {/* no min/max: the schema refuses and says why, antd would clamp silently */}
                    <InputNumber style={{ width: "100%" }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button block type="dashed" onClick={() => add(blankChildTask(start, due))}>
            {t("cascade.addTask")}
          </Button>
        </>
      )}
    </Form.List>
  );
}
