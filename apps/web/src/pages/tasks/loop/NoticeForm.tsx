import { Alert, DatePicker, Form, Radio } from "antd";
import dayjs, { type Dayjs } from "dayjs";

import { labelOf, noticeLevelLabels } from "@duban/domain/i18n";
import { ZIssueNoticesInput } from "@duban/domain/schemas";

import { LimitedTextArea } from "../../../components/LimitedInput.tsx";
import { shanghaiToday } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { zodRule } from "../../../lib/zod-rules.ts";

export type NoticeLevel = "BLUE" | "YELLOW" | "RED";
export const NOTICE_LEVELS: NoticeLevel[] = ["BLUE", "YELLOW", "RED"];
/** antd tag colours of the three levels (蓝 / 黄 / 红) */
export const noticeLevelColor: Record<NoticeLevel, string> = {
  BLUE: "blue",
  YELLOW: "gold",
  RED: "red",
};

export type NoticeFormValues = { level: NoticeLevel; requirement: string; replyDueDate?: Dayjs };

/** The default reply deadline: a week from today (Asia/Shanghai). */
export const defaultReplyDue = () => dayjs(shanghaiToday()).add(7, "day");

/** The fields of a 催办 (level, 督办要求, reply deadline), shared by one task's and the batch's dialog. */
export function NoticeFields({
  toInput,
  suggested,
}: {
  toInput: () => unknown;
  suggested?: NoticeLevel;
}) {
  const { t, locale } = useI18n();
  const rule = (f: string) => zodRule(ZIssueNoticesInput, f, toInput);
  return (
    <>
      <Form.Item
        name="level"
        label={t("notice.level")}
        extra={
          suggested
            ? t("notice.suggested", { level: labelOf(noticeLevelLabels, suggested, locale) })
            : undefined
        }
        rules={[rule("level")]}
      >
        <Radio.Group
          options={NOTICE_LEVELS.map((l) => ({
            value: l,
            label: labelOf(noticeLevelLabels, l, locale),
          }))}
        />
      </Form.Item>
      <Form.Item name="requirement" label={t("notice.requirement")} rules={[rule("requirement")]}>
        <LimitedTextArea
          schema={ZIssueNoticesInput}
          field="requirement"
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t("notice.requirementPlaceholder")}
        />
      </Form.Item>
      <Form.Item name="replyDueDate" label={t("notice.replyDue")} rules={[rule("replyDueDate")]}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(shanghaiToday()), "day")} />
      </Form.Item>
      <Alert type="info" showIcon title={t("notice.numberHint")} />
    </>
  );
}

/** The form's values as the issue input (without the targets). */
export function noticeInput(values: Partial<NoticeFormValues>) {
  return {
    level: values.level ?? "BLUE",
    requirement: values.requirement ?? "",
    replyDueDate: values.replyDueDate?.format("YYYY-MM-DD") ?? "",
  };
}
