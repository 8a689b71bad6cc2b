import { Alert, Flex, Typography } from "antd";
import { Link } from "react-router";

import { useI18n } from "../../lib/i18n.tsx";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { LatenessTag } from "./LatenessTag.tsx";

type Pending = RouterOutputs["inbox"]["list"]["pendingAssignments"];

/**
 * 待分解 at the top of the inbox (issue #19): what the user's office must still decompose, deadline
 * first, late ones red; unlike messages it stays until decomposed or withdrawn. Nothing when empty.
 */
export function PendingStrip({ items }: { items: Pending }) {
  const { t } = useI18n();
  if (!items.length) return null;
  const late = items.filter((a) => a.lateness === "late").length;
  return (
    <Alert
      type={late ? "error" : "warning"}
      showIcon
      style={{ marginBottom: 12 }}
      title={t("assignments.pendingCount", { n: items.length, late })}
      description={
        <Flex vertical gap={4}>
          {items.slice(0, 10).map((a) => (
            <Flex key={a.id} wrap gap={6} align="center">
              <Link to={a.href}>{a.itemTitle}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.from.name} → {a.to.name}
              </Typography.Text>
              <LatenessTag lateness={a.lateness} decomposeBy={a.decomposeBy} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("cascade.decomposeBy")} {a.decomposeBy}
              </Typography.Text>
            </Flex>
          ))}
          {items.length > 10 ? <Link to="/assignments">{t("assignments.all")}</Link> : null}
        </Flex>
      }
    />
  );
}
