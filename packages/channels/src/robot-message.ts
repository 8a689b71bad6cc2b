import { ChannelSendError, type ChannelMessage, type ChannelSendOptions } from "./channel.ts";

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
 * Send the parts one after another, from `fromPart` (parts before it were accepted on an earlier
 * attempt). A failure carries `partsSent`: the parts of the whole message accepted so far, so the
 * outbox can resume after them and the group never sees a part twice.
 */
export async function sendPartsInOrder(
  parts: string[],
  sendOne: (part: string, index: number) => Promise<void>,
  options: Pick<ChannelSendOptions, "fromPart" | "onPartSent"> = {},
): Promise<void> {
  const start = Math.min(Math.max(0, options.fromPart ?? 0), parts.length);
  for (let index = start; index < parts.length; index++) {
    try {
      await sendOne(parts[index]!, index);
    } catch (error) {
      if (!(error instanceof ChannelSendError)) throw error;
      if (index === 0) throw error;
      throw new ChannelSendError(`part ${index + 1}/${parts.length}: ${error.message}`, {
        ...error.options,
        partsSent: index,
      });
    }
    if (parts.length > 1 && index < parts.length - 1) await options.onPartSent?.(index + 1);
  }
}
