import { ChannelSendError, type ChannelMessage } from "./channel.ts";

/** Markdown and markup characters of plain text, as the full-width forms a reader sees alike. */
const MARKUP: Record<string, string> = { "[": "［", "]": "］", "<": "＜", ">": "＞" };

/**
 * Plain text (a task's title, a unit's reason, a leader's instruction) made safe to put into a
 * robot's markdown: it can carry no link whose text hides where it goes (`[重新登录](http://…)`),
 * no image the group's clients fetch on their own (`![](http://…)`), no 企业微信 mention or
 * `<font>` tag (`<@all>`) and no quote. `[ ] < >` become their full-width forms, which read the
 * same in Chinese text; a bare address stays as it is, shown for what it is.
 */
export function robotPlainText(text: string): string {
  return text.replace(/[[\]<>]/g, (ch) => MARKUP[ch]!);
}

/**
 * The markdown a robot posts: the title (plain text, on one line) as a heading, the body
 * (markdown: a caller that puts plain text in it passes it through robotPlainText), and the link
 * back to Duban when the body does not already carry it.
 */
export function robotMarkdown(message: ChannelMessage): string {
  const title = robotPlainText(message.title.replace(/\s+/g, " ").trim());
  const heading = title ? `### ${title}\n\n` : "";
  const link =
    message.url && !message.markdown.includes(message.url)
      ? `\n\n[在督办系统中查看 / Open in Duban](${message.url})`
      : "";
  return `${heading}${message.markdown}${link}`;
}

/**
 * Send the parts one after another. A failure after the first part carries `partsSent`, so the
 * outbox can log that the group already saw part of the message.
 */
export async function sendPartsInOrder(
  parts: string[],
  sendOne: (part: string, index: number) => Promise<void>,
): Promise<void> {
  for (const [index, part] of parts.entries()) {
    try {
      await sendOne(part, index);
    } catch (error) {
      if (index === 0 || !(error instanceof ChannelSendError)) throw error;
      throw new ChannelSendError(`part ${index + 1}/${parts.length}: ${error.message}`, {
        ...error.options,
        partsSent: index,
      });
    }
  }
}
