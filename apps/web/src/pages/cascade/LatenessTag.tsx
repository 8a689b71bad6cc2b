import { Tag } from "antd";

import { useI18n } from "../../lib/i18n.tsx";

/** packages/domain/src/cascade/lateness.ts (the web imports no server module, only its words). */
export type DecompositionLateness = "withdrawn" | "pending" | "late" | "on-time" | "decomposed-late";

const color: Record<DecompositionLateness, string> = {
  pending: "blue",
  late: "red",
  "on-time": "green",
  "decomposed-late": "orange",
  withdrawn: "default",
};

/** Whole days from `from` to `to` (ISO days); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The decomposition state of an assignment as one tag (the domain's decompositionLateness, decided
 * by the server): 待分解 with the days left, 逾期未分解 with the days over (red: both offices are
 * told), 按时分解 / 逾期后分解 for the record.
 */
export function LatenessTag({
  lateness,
  decomposeBy,
  today,
}: {
  lateness: DecompositionLateness;
  decomposeBy: string;
  /** the server's day (Asia/Shanghai), for the count of days; omitted, no count */
  today?: string;
}) {
  const { t } = useI18n();
  const days = today ? daysBetween(today, decomposeBy) : null;
  const count =
    days === null
      ? ""
      : lateness === "pending"
        ? ` · ${t("lateness.daysLeft", { n: days })}`
        : lateness === "late"
          ? ` · ${t("lateness.daysLate", { n: -days })}`
          : "";
  return (
    <Tag color={color[lateness]} data-lateness={lateness}>
      {t(`lateness.${lateness}`)}
      {count}
    </Tag>
  );
}
