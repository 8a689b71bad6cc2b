import { Tag } from "antd";
import { useState } from "react";

import { ZAddDepartmentAliasInput } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";

export type DepartmentAlias = RouterOutputs["admin"]["departmentAliases"][number];

/**
 * A unit's aliases (the jurisdiction's alias table: other written forms of its name, such as
 * 县科技局, that the importer matches): each removable, and one more added in place. The server
 * refuses collective names and names another unit already has, with its message.
 */
export function AliasCell({
  departmentId,
  aliases,
}: {
  departmentId: string;
  aliases: readonly DepartmentAlias[];
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState("");
  const handlers = {
    invalidate: [trpc.admin.departmentAliases.pathFilter()],
    errorAs: "message" as const,
  };
  const add = useAction(trpc.admin.addDepartmentAlias.mutationOptions(), {
    ...handlers,
    success: t("common.saved"),
    onSuccess: () => {
      setText("");
      setAdding(false);
    },
  });
  const remove = useAction(trpc.admin.removeDepartmentAlias.mutationOptions(), handlers);
  const submit = () => {
    const alias = text.trim();
    if (alias) add.run({ departmentId, alias });
    else setAdding(false);
  };
  return (
    <>
      {aliases.map((a) => (
        <Tag
          key={a.id}
          closable
          closeIcon={<span aria-label={t("admin.removeAlias", { alias: a.alias })}>×</span>}
          onClose={(e) => {
            e.preventDefault();
            remove.run({ aliasId: a.id });
          }}
        >
          {a.alias}
        </Tag>
      ))}
      {adding ? (
        <LimitedInput
          schema={ZAddDepartmentAliasInput}
          field="alias"
          size="small"
          autoFocus
          style={{ width: 120 }}
          aria-label={t("admin.newAlias")}
          value={text}
          disabled={add.pending}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={submit}
          onBlur={submit}
        />
      ) : (
        <Tag style={{ borderStyle: "dashed", cursor: "pointer" }} onClick={() => setAdding(true)}>
          + {t("admin.alias")}
        </Tag>
      )}
    </>
  );
}
