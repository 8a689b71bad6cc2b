import { useQuery } from "@tanstack/react-query";
import { Tag, Typography } from "antd";
import { useEffect, useState } from "react";

import type {
  DirectoryUnit,
  DraftDeadline,
  DraftNote,
  WrittenUnit,
} from "@duban/domain/task-drafts";

import type { MessageKey, Translate } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";

type Unit = { id: string; name: string; shortName?: string | null; active: boolean };
type Alias = { departmentId: string; alias: string };

/** The directory the drafts match against: the units with their aliases (DepartmentAlias). */
export function directoryOf<U extends Unit>(
  units: readonly U[],
  aliases: readonly Alias[],
): Array<U & Required<Pick<DirectoryUnit, "aliases">>> {
  return units.map((u) => ({
    ...u,
    aliases: aliases.filter((a) => a.departmentId === u.id).map((a) => a.alias),
  }));
}

/** The jurisdiction's units and alias table (office only), loaded together. */
export function useDirectory(jurisdictionId: string) {
  const trpc = useTRPC();
  const units = useQuery(trpc.admin.departments.queryOptions({ jurisdictionId }));
  const aliases = useQuery(trpc.admin.departmentAliases.queryOptions({ jurisdictionId }));
  return { units, aliases };
}

/** 2024-06-30, 长期 or 每季度: what a 完成时限 was read as, with the written text on hover. */
export function DeadlineText({ deadline, t }: { deadline: DraftDeadline | null; t: Translate }) {
  if (!deadline) return <>—</>;
  const shown = deadlineLabel(deadline, t);
  return <span title={deadline.text}>{shown}</span>;
}

function deadlineLabel(deadline: DraftDeadline, t: Translate): string {
  if (deadline.kind === "date") return deadline.date;
  if (deadline.kind === "ongoing") return t("import.deadline.ongoing");
  return t(`import.deadline.${deadline.every}` as MessageKey);
}

function noteText(n: DraftNote, t: Translate): string {
  if (n.code === "deadlineClamped")
    return t("import.note.deadlineClamped", { written: n.written, dueDate: n.dueDate });
  if (n.code === "recurringCoarsened")
    return t("import.note.recurringCoarsened", {
      used: t(`import.deadline.${n.used}` as MessageKey),
    });
  return t("import.note.severalLeads", { names: n.names.join("、") });
}

/** One written unit: its matched unit's name, a "新单位？" tag, or a "多个单位" tag. */
export function UnitMatchTag({
  unit,
  names,
  t,
}: {
  unit: WrittenUnit;
  names: ReadonlyMap<string, string>;
  t: Translate;
}) {
  if (unit.status === "matched")
    return <Tag color="green">{names.get(unit.departmentId!) ?? unit.written}</Tag>;
  if (unit.status === "collective")
    return <Tag>{`${unit.written} · ${t("import.collectiveUnit")}`}</Tag>;
  return <Tag color="orange">{`${unit.written} · ${t("import.newUnit")}`}</Tag>;
}

/** A draft's notes (a moved deadline, several leads), in the UI language. */
export function DraftNotes({ notes, t }: { notes: readonly DraftNote[]; t: Translate }) {
  if (!notes.length) return null;
  return (
    <div>
      {notes.map((n, i) => (
        <Typography.Text key={i} type="warning" style={{ display: "block", fontSize: 12 }}>
          {noteText(n, t)}
        </Typography.Text>
      ))}
    </div>
  );
}

/** Whole seconds since `running` became true (0 when not running): the upload's progress. */
export function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}
