import { TRPCClientError } from "@trpc/client";

import { issueText, type IssueParams, type Locale } from "@duban/domain/i18n";

/** What the api's errorFormatter adds to every error (packages/api/src/trpc.ts). */
export type ErrorData = {
  code?: string;
  httpStatus?: number;
  domainCode?: string | null;
  messageEn?: string | null;
  field?: string | null;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  /** the refused input's issues; `params` (a code and its values) is worded in the UI language */
  issues?: Array<{ path: string[]; message: string; params: IssueParams | null }> | null;
  /** what a domain error carries for the UI, e.g. the rows of a rejected Excel import */
  details?: Record<string, unknown> | null;
};

export function errorData(error: unknown): ErrorData | null {
  if (error instanceof TRPCClientError) return (error.data ?? null) as ErrorData | null;
  return null;
}

/** The message to show: Chinese from the server, or its English twin when the UI is in English. */
export function errorMessage(error: unknown, locale: Locale = "zh-CN"): string {
  if (!error) return "";
  const data = errorData(error);
  if (locale === "en" && data?.messageEn) return data.messageEn;
  if (error instanceof TRPCClientError && /fetch|network/i.test(error.message) && !data) {
    return locale === "en"
      ? "Cannot reach the server; check the connection and retry"
      : "无法连接服务器，请检查网络后重试";
  }
  return error instanceof Error ? error.message : String(error);
}

export function isUnauthorized(error: unknown): boolean {
  return errorData(error)?.code === "UNAUTHORIZED";
}

/**
 * Field errors for an antd Form: the domain's single `field`, or zod's per-field list.
 * Returned in the shape `form.setFields` takes.
 */
export function fieldErrors<K extends string>(
  error: unknown,
  locale: Locale,
  fields: readonly K[],
): Array<{ name: K; errors: string[] }> {
  const data = errorData(error);
  if (!data) return [];
  const known = (name: string): name is K => (fields as readonly string[]).includes(name);
  if (data.issues) {
    const byField = new Map<K, string[]>();
    for (const issue of data.issues) {
      const name = issue.path[0];
      if (name === undefined || !known(name)) continue;
      byField.set(name, [...(byField.get(name) ?? []), issueText(issue, locale)]);
    }
    return [...byField].map(([name, errors]) => ({ name, errors }));
  }
  if (data.zodError) {
    return Object.entries(data.zodError.fieldErrors)
      .filter((e): e is [K, string[]] => known(e[0]) && !!e[1]?.length)
      .map(([name, errors]) => ({ name, errors }));
  }
  if (data.field && known(data.field))
    return [{ name: data.field, errors: [errorMessage(error, locale)] }];
  return [];
}

/** A refused row of a workbook import; `column` is the header of the cell at fault, when one is. */
export type RowError = { sheet: string; row: number; column?: string | null; message: string };

/** The row-by-row problems of a rejected workbook import (`data.details.errors`), if any. */
export function rowErrors(error: unknown): RowError[] {
  const list = errorData(error)?.details?.errors;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (e): e is RowError =>
      !!e && typeof e === "object" && typeof (e as RowError).message === "string",
  );
}
