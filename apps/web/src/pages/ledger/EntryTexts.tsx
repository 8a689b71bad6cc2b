import { Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";

/**
 * A ledger entry's three texts as the unit wrote them (line breaks kept): 进展情况 always,
 * 存在问题 and 下步计划 when filled in. Read-only; the entry drawer and the review queue show it.
 */
export function EntryTexts({
  entry,
}: {
  entry: { progressText: string; problems: string | null; nextSteps: string | null };
}) {
  const { t } = useI18n();
  const sections = [
    ["ledger.progressText", entry.progressText],
    ["ledger.problems", entry.problems],
    ["ledger.nextSteps", entry.nextSteps],
  ] as const;
  return (
    <div style={{ marginTop: 12 }}>
      {sections.map(([key, text], i) =>
        i === 0 || text ? (
          <div key={key}>
            <Typography.Title level={5}>{t(key)}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{text}</Typography.Paragraph>
          </div>
        ) : null,
      )}
    </div>
  );
}
