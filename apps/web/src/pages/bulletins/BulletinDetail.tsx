import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";

import type { BulletinText } from "@duban/domain/schemas";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { DownloadButton } from "../evaluations/DownloadButton.tsx";
import { bulletinFileUrl, scorePeriodText } from "./bulletin-format.ts";
import { BulletinRanking } from "./BulletinRanking.tsx";
import { ParagraphsEditor, PARTS } from "./ParagraphsEditor.tsx";

type Bulletin = RouterOutputs["bulletin"]["get"];

/** One bulletin: its text (an editor while it is the office's draft), the ranking, the files, 印发. */
export function BulletinDetail({ bulletinId, onGone }: { bulletinId: string; onGone: () => void }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.bulletin.get.queryOptions({ bulletinId }));
  useEffect(() => {
    if (query.error) onGone();
  }, [query.error, onGone]);
  return (
    <QueryState query={query} rows={12}>
      {(b) => <Detail key={b.version} b={b} />}
    </QueryState>
  );
}

function Detail({ b }: { b: Bulletin }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const [title, setTitle] = useState(b.title);
  const [text, setText] = useState<BulletinText>(b.text);
  const dirty = title !== b.title || JSON.stringify(text) !== JSON.stringify(b.text);
  const invalidate = [
    trpc.bulletin.get.queryFilter({ bulletinId: b.id }),
    trpc.bulletin.list.queryFilter({ jurisdictionId: b.jurisdictionId }),
  ];
  const save = useAction(trpc.bulletin.update.mutationOptions(), {
    invalidate,
    success: t("bulletins.saved"),
  });
  const issue = useAction(trpc.bulletin.issue.mutationOptions(), {
    invalidate,
    success: (r) => t("bulletins.issued", { docNumber: r.docNumber ?? "" }),
  });
  const fileBase = b.docNumber ?? t("bulletins.untitledDraft");
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Tag color={b.state === "ISSUED" ? "green" : "default"}>
            {labels.bulletinState(b.state)}
          </Tag>
          <span>{b.docNumber ?? t("bulletins.untitledDraft")}</span>
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: "p", label: t("bulletins.period"), children: scorePeriodText(b.period, locale) },
          { key: "a", label: t("bulletins.asOf"), children: b.asOf },
          ...(b.issuedAt
            ? [
                {
                  key: "i",
                  label: t("bulletins.issuedAt"),
                  children: formatDateTime(b.issuedAt, locale),
                },
              ]
            : []),
        ]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <DownloadButton
          url={bulletinFileUrl(b.id, "document")}
          name={`${fileBase}.docx`}
          label={t("bulletins.downloadDocx")}
        />
        <DownloadButton
          url={bulletinFileUrl(b.id, "scores.xlsx")}
          name={`${fileBase}.xlsx`}
          label={t("bulletins.downloadXlsx")}
        />
        {b.canEdit ? (
          <>
            <Button
              disabled={!dirty}
              loading={save.pending}
              onClick={() => save.run({ bulletinId: b.id, version: b.version, title, text })}
            >
              {t("common.save")}
            </Button>
            <Popconfirm
              title={t("bulletins.issueConfirmTitle")}
              description={t("bulletins.issueConfirm")}
              okText={t("bulletins.issue")}
              cancelText={t("common.cancel")}
              disabled={dirty}
              onConfirm={() => issue.run({ bulletinId: b.id, version: b.version })}
            >
              <Button type="primary" danger disabled={dirty} loading={issue.pending}>
                {t("bulletins.issue")}
              </Button>
            </Popconfirm>
          </>
        ) : null}
      </Space>
      {b.canEdit && dirty ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("bulletins.saveFirst")} />
      ) : null}
      {save.error || issue.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={save.error ?? issue.error}
        />
      ) : null}
      {b.canEdit ? (
        <ParagraphsEditor title={title} onTitle={setTitle} text={text} onText={setText} />
      ) : (
        <ReadOnlyText title={b.title} text={b.text} />
      )}
      <BulletinRanking b={b} />
    </Card>
  );
}

/** An issued bulletin (or one read by a non-office user) as it prints. */
function ReadOnlyText({ title, text }: { title: string; text: BulletinText }) {
  const { t } = useI18n();
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 18, textAlign: "center" }}>
        {title}
      </Typography.Title>
      {PARTS.map((part) =>
        text[part].length ? (
          <section key={part}>
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              {t(`bulletins.part.${part}`)}
            </Typography.Title>
            {text[part].map((p, i) => (
              <Typography.Paragraph key={i} style={{ textIndent: "2em" }}>
                {p}
              </Typography.Paragraph>
            ))}
          </section>
        ) : null,
      )}
    </div>
  );
}
