import { Button, InputNumber, Space } from "antd";
import { useState } from "react";

import { ZSetTaskWeightInput } from "@duban/domain/schemas";

import { useFieldCheck } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { cascadeInvalidation } from "./invalidate.ts";

/**
 * The office sets a sub-task's weight among its siblings (cascade.setTaskWeight): a number and a
 * save button in the row; the schema's message under it, the server's refusal as a message.
 */
export function WeightEditor({
  task,
  label,
}: {
  task: { id: string; version: number; weight: number };
  /** what the input is called for a screen reader (the task's title) */
  label: string;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [weight, setWeight] = useState<number | null>(task.weight);
  const check = useFieldCheck(ZSetTaskWeightInput, "weight");
  const save = useAction(trpc.cascade.setTaskWeight.mutationOptions(), {
    invalidate: cascadeInvalidation(trpc),
    success: t("tree.weightSaved"),
    errorAs: "message",
  });
  const submit = () => {
    if (check.check(weight ?? undefined)) return;
    save.run({ taskId: task.id, version: task.version, weight: weight! });
  };
  return (
    <div>
      <Space.Compact>
        <InputNumber
          size="small"
          aria-label={`${label} ${t("tree.weight")}`}
          value={weight}
          status={check.problem ? "error" : undefined}
          onChange={(v) => {
            check.clear();
            setWeight(v);
          }}
          style={{ width: 72 }}
        />
        <Button
          size="small"
          onClick={submit}
          loading={save.pending}
          disabled={weight === task.weight}
        >
          {t("common.save")}
        </Button>
      </Space.Compact>
      {check.message}
    </div>
  );
}
