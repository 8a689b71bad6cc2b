import type { Dayjs } from "dayjs";
import type { z } from "zod";

import { zChildTask } from "@duban/domain/schemas";

/** One task row of the 分解 / 细化 form, as the form holds it (dates as Dayjs). */
export type ChildTaskValues = {
  title?: string;
  description?: string;
  leadDepartmentId?: string;
  supportingDepartmentIds?: string[];
  startDate?: Dayjs | null;
  dueDate?: Dayjs | null;
  weight?: number | null;
};

export type ChildTaskInput = z.input<typeof zChildTask>;

/** The form's row as the api's zChildTask takes it (ISO days; an empty weight is the default 1). */
export function toChildTask(v: ChildTaskValues | undefined): ChildTaskInput {
  return {
    title: v?.title ?? "",
    description: v?.description ?? "",
    leadDepartmentId: v?.leadDepartmentId ?? "",
    supportingDepartmentIds: v?.supportingDepartmentIds ?? [],
    startDate: v?.startDate?.format("YYYY-MM-DD") ?? "",
    dueDate: v?.dueDate?.format("YYYY-MM-DD") ?? "",
    ...(v?.weight === null || v?.weight === undefined ? {} : { weight: v.weight }),
  };
}

/** A fresh row: the dates the parent runs over, weight 1. */
export function blankChildTask(start?: Dayjs | null, due?: Dayjs | null): ChildTaskValues {
  return {
    title: "",
    description: "",
    supportingDepartmentIds: [],
    startDate: start ?? null,
    dueDate: due ?? null,
    weight: 1,
  };
}
