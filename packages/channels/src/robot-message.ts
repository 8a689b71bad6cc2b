import { ChannelSendError, type ChannelMessage } from "./channel.ts";

/**
 * The markdown a robot posts: the title as a heading, the body, and the link back to Duban when
 * the body does not already carry it.
 */
export function robotMarkdown(message: ChannelMessage): string {
  const heading = message.title ? `### ${message.title}\n\n` : "";
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
