import { Alert, Button, Checkbox, DatePicker, Form, List, Typography } from "antd";
import type { Dayjs } from "dayjs";

import { ZAddMilestoneInput } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import type { TaskDetail } from "./types.ts";

export function Milestones({
  task,
  canMark,
  canAdd,
}: {
  task: TaskDetail;
  canMark: boolean;
  canAdd: boolean;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const today = shanghaiToday();
  const mark = useAction(trpc.task.setMilestoneDone.mutationOptions(), { invalidate: "work" });
  const [form] = Form.useForm<{ title: string; dueDate?: Dayjs }>();
  const toInput = () => {
    const v = form.getFieldsValue(true) as { title?: string; dueDate?: Dayjs };
    return {
      taskId: task.id,
      title: v.title ?? "",
      dueDate: v.dueDate?.format("YYYY-MM-DD") ?? "",
    };
  };
  const add = useAction(trpc.task.addMilestone.mutationOptions(), {
    invalidate: "work",
    success: t("common.saved"),
    onSuccess: () => form.resetFields(),
  });
  return (
    <>
      {mark.error ? (
        <Alert type="error" showIcon title={mark.error} style={{ marginBottom: 8 }} />
      ) : null}
      <List
        size="small"
        dataSource={task.milestones}
        locale={{ emptyText: t("common.none") }}
        renderItem={(m) => {
          const late = !m.doneAt && m.dueDate < today;
          return (
            <List.Item>
              <Checkbox
                checked={!!m.doneAt}
                disabled={!canMark || mark.pending}
                onChange={(e) =>
                  mark.run({ milestoneId: m.id, version: m.version, done: e.target.checked })
                }
              >
                <Typography.Text delete={!!m.doneAt}>{m.title}</Typography.Text>
              </Checkbox>
              <Typography.Text type={late ? "danger" : "secondary"}>{m.dueDate}</Typography.Text>
            </List.Item>
          );
        }}
      />
      {canAdd ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 8, rowGap: 8 }}
          onFinish={() => add.run(ZAddMilestoneInput.parse(toInput()))}
        >
          <Form.Item
            name="title"
            label={t("task.milestoneTitle")}
            rules={[zodRule(ZAddMilestoneInput, "title", toInput)]}
          >
            <LimitedInput schema={ZAddMilestoneInput} field="title" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item
            name="dueDate"
            label={t("task.milestoneDue")}
            rules={[zodRule(ZAddMilestoneInput, "dueDate", toInput)]}
          >
            <DatePicker />
          </Form.Item>
          <Button htmlType="submit" loading={add.pending}>
            {t("task.addMilestone")}
          </Button>
          {add.error ? (
            <Alert
              type="error"
              showIcon
              title={add.error}
              style={{ marginTop: 8, width: "100%" }}
            />
          ) : null}
        </Form>
      ) : null}
    </>
  );
}
