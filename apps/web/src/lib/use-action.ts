import {
  useMutation,
  useQueryClient,
  type InvalidateQueryFilters,
  type UseMutationOptions,
} from "@tanstack/react-query";
import { App, type FormInstance } from "antd";
import { useCallback, useRef } from "react";

import { useReportUnsaved } from "../components/UnsavedGuard.tsx";
import { errorMessage, fieldErrors } from "./errors.ts";
import { useI18n } from "./i18n.tsx";
import { useInvalidateWork } from "./invalidate.ts";
import { useTRPC } from "./trpc.ts";

export type ActionOptions<TData, TInput> = {
  /** What to refetch after a success: "work" (useInvalidateWork), or tRPC filters (trpc.x.pathFilter()). */
  invalidate?: "work" | readonly InvalidateQueryFilters[];
  /** Said after a success (antd message), once the refetch is done. */
  success?: string | ((data: TData, input: TInput) => string);
  /** Runs last after a success: reset a form, close a drawer, go on to the next step. */
  onSuccess?: (data: TData, input: TInput) => unknown;
  /** A form whose fields show the server's field errors (fieldErrors); the rest goes to `error`. */
  fields?: { form: FormInstance; names: readonly string[] };
  /**
   * Where a refusal no form field took is said: "alert" (default) puts it in `error` for the
   * component's Alert; "message" says it as an antd message (for a control in a table row).
   */
  errorAs?: "alert" | "message";
};

export type Action<TData, TInput> = {
  /** Sends the input; a call while the previous one runs is ignored (no double submit). */
  run: (input: TInput) => void;
  pending: boolean;
  /** The refusal in the current locale, for an Alert; null when there is none or a field shows it. */
  error: string | null;
  /** The input of the current or last run (which row is busy). */
  variables: TInput | undefined;
  data: TData | undefined;
  reset: () => void;
};

/**
 * A button's or form's change through the api, with what every change does around it: refetch
 * what it affects, say it worked, put the refusal on the form's fields or in `error` (in the UI's
 * current language), and never send twice. `mutation` is `trpc.x.y.mutationOptions()`, or any
 * `{ mutationFn }` for a change made of several calls.
 *
 * ```tsx
 * const save = useAction(trpc.task.addMilestone.mutationOptions(), {
 *   invalidate: "work",
 *   success: t("common.saved"),
 *   onSuccess: () => form.resetFields(),
 * });
 * <Button loading={save.pending} onClick={() => save.run(input)} />
 * {save.error ? <Alert type="error" title={save.error} /> : null}
 * ```
 */
export function useAction<TData, TInput = void, TError = unknown, TContext = unknown>(
  mutation: UseMutationOptions<TData, TError, TInput, TContext>,
  options: ActionOptions<TData, TInput> = {},
): Action<TData, TInput> {
  const { locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const invalidateWork = useInvalidateWork();
  const trpc = useTRPC();
  const running = useRef(false);
  // inside a guarded drawer, a saved action means what was typed is no longer at risk
  const reportUnsaved = useReportUnsaved();
  const fieldsOf = (error: unknown) =>
    options.fields ? fieldErrors(error, locale, options.fields.names) : [];
  const m = useMutation<TData, TError, TInput, TContext>({
    ...mutation,
    // the options' own handlers (none from tRPC unless overrides are configured) run first
    onSuccess: async (...args) => {
      await mutation.onSuccess?.(...args);
      const [data, input] = args;
      const { invalidate, success } = options;
      if (invalidate === "work") await invalidateWork();
      else if (invalidate)
        await Promise.all([
          ...invalidate.map((filter) => queryClient.invalidateQueries(filter)),
          // every step of the loop shows in the task's trail and the 待办 lists
          queryClient.invalidateQueries(trpc.supervision.pathFilter()),
        ]);
      reportUnsaved(false);
      const said = typeof success === "function" ? success(data, input) : success;
      if (said) void message.success(said);
      await options.onSuccess?.(data, input);
    },
    onError: async (...args) => {
      await mutation.onError?.(...args);
      const [error] = args;
      const fields = fieldsOf(error);
      if (fields.length) options.fields!.form.setFields(fields);
      else if (options.errorAs === "message") void message.error(errorMessage(error, locale));
    },
    onSettled: async (...args) => {
      running.current = false;
      await mutation.onSettled?.(...args);
    },
  });
  const { mutate } = m;
  const run = useCallback(
    (input: TInput) => {
      if (running.current) return;
      running.current = true;
      mutate(input);
    },
    [mutate],
  );
  const shown =
    m.error && options.errorAs !== "message" && !fieldsOf(m.error).length
      ? errorMessage(m.error, locale)
      : null;
  return {
    run,
    pending: m.isPending,
    error: shown,
    variables: m.variables,
    data: m.data,
    reset: m.reset,
  };
}
