import { ChannelSendError, type ChannelMessage, type ChannelSendOptions } from "./channel.ts";

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
