import { Button, Card, Flex, Typography } from "antd";

import { ZBulletinText, ZUpdateBulletinInput, type BulletinText } from "@duban/domain/schemas";

import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";

/** The four parts of a bulletin, in print order (一、总体情况 二、表扬 三、通报批评 四、工作要求). */
export const PARTS = ["opening", "praise", "criticism", "requirements"] as const;
/** ZBulletinText's limit of paragraphs a part (characters are counted by LimitedTextArea). */
const MAX_PARAGRAPHS = 20;

/** The office's editor of a draft: the title and each part's paragraphs (add, edit, remove). */
export function ParagraphsEditor({
  title,
  onTitle,
  text,
  onText,
}: {
  title: string;
  onTitle: (v: string) => void;
  text: BulletinText;
  onText: (v: BulletinText) => void;
}) {
  const { t } = useI18n();
  const setPart = (part: (typeof PARTS)[number], paragraphs: string[]) =>
    onText({ ...text, [part]: paragraphs });
  return (
    <div style={{ marginBottom: 16 }}>
      <label>
        <Typography.Text strong>{t("bulletins.title")}</Typography.Text>
        <LimitedInput
          schema={ZUpdateBulletinInput}
          field="title"
          value={title}
          onChange={(e) => onTitle(e.target.value)}
          style={{ marginTop: 4, marginBottom: 12 }}
        />
      </label>
      {PARTS.map((part) => (
        <Card
          key={part}
          size="small"
          type="inner"
          style={{ marginBottom: 12 }}
          title={<h3 className="card-title">{t(`bulletins.part.${part}`)}</h3>}
          extra={
            <Button
              size="small"
              disabled={text[part].length >= MAX_PARAGRAPHS}
              onClick={() => setPart(part, [...text[part], ""])}
            >
              {t("bulletins.addParagraph")}
            </Button>
          }
        >
          {text[part].length === 0 ? (
            <Typography.Text type="secondary">{t("bulletins.noParagraphs")}</Typography.Text>
          ) : null}
          {text[part].map((p, i) => (
            <Flex key={i} gap={8} align="start" style={{ marginBottom: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <LimitedTextArea
                  schema={ZBulletinText}
                  field={part}
                  aria-label={`${t(`bulletins.part.${part}`)} ${i + 1}`}
                  value={p}
                  autoSize={{ minRows: 2, maxRows: 10 }}
                  onChange={(e) =>
                    setPart(
                      part,
                      text[part].map((old, j) => (j === i ? e.target.value : old)),
                    )
                  }
                />
              </div>
              <Button
                size="small"
                danger
                aria-label={`${t("bulletins.removeParagraph")}：${t(`bulletins.part.${part}`)} ${i + 1}`}
                onClick={() =>
                  setPart(
                    part,
                    text[part].filter((_, j) => j !== i),
                  )
                }
              >
                {t("bulletins.remove")}
              </Button>
            </Flex>
          ))}
        </Card>
      ))}
    </div>
  );
}
