import type { channelsZh } from "./channels.zh.ts";

// UI text of the channels beyond email (issue #20), English; the same keys as channels.zh.ts.
export const channelsEn: Record<keyof typeof channelsZh, string> = {
  "channels.help":
    "Choose per kind of notification which channels (email, inbox, SMS) and how: at once, in the daily digest, or not at all. SMS needs your mobile number first.",
  "channels.email": "Email",
  "channels.inbox": "Inbox",
  "channels.sms": "SMS",
  "channels.mobile": "Mobile",
  "channels.mobileHelp":
    "A mainland China mobile number for SMS reminders; leave it empty for no SMS.",
  "channels.forced": "Forced",
  "channels.forcedIn":
    "The office of {jurisdictions} forces escalations on: escalation notices (overdue escalations, red supervision notices) reach you by email, inbox and SMS whatever you chose, even if you muted them.",
  "channels.robots": "Group robots",
  "channels.robotsHelp":
    "WeCom and DingTalk group robots post the chosen kinds of notifications to the jurisdiction's or a unit's work group. Keys are stored encrypted and shown by their last four characters only.",
  "channels.addRobot": "Add robot",
  "channels.noRobots": "No group robots yet",
  "channels.robotName": "Name",
  "channels.platform": "Platform",
  "channels.platform.WECOM": "WeCom",
  "channels.platform.DINGTALK": "DingTalk",
  "channels.group": "Group",
  "channels.jurisdictionGroup": "The jurisdiction's group",
  "channels.key": "Key",
  "channels.kinds": "Kinds posted",
  "channels.kindsHelp": "Only notifications of these kinds are posted to the group.",
  "channels.kindCount": "{count} kinds",
  "channels.state": "State",
  "channels.enabled": "Enabled",
  "channels.misconfigured": "Misconfigured",
  "channels.test": "Test",
  "channels.testQueued": "Test message queued; it is sent within a minute",
  "channels.delete": "Delete",
  "channels.confirmDelete":
    "Delete the robot “{name}”? It posts nothing more; its delivery history is kept.",
  "channels.robotDeleted": "Deleted",
  "channels.wecomKey": "Webhook key",
  "channels.dingtalkToken": "access_token",
  "channels.dingtalkSecret": "Signing secret",
  "channels.secretHelp":
    "The secret of the DingTalk robot's signing (加签) security setting (starts with SEC).",
  "channels.keepKey": "Stored {masked}; leave empty to keep it.",
  "channels.keyRequired": "Enter the key",
  "channels.nameRequired": "Enter a name",
  "channels.forceEscalations": "Force escalations",
  "channels.forceEscalationsHelp":
    "When on, overdue escalations and red supervision notices go by email, inbox and SMS (when there is a mobile), whatever each person chose, mute included.",
  "channels.deliveries": "Robot and SMS deliveries",
  "channels.deliveriesHelp":
    "Group robot and SMS deliveries caused by this jurisdiction and those below; phone numbers masked.",
  "channels.channel": "Channel",
  "channels.allChannels": "All channels",
  "channels.channel.WECOM_ROBOT": "WeCom group",
  "channels.channel.DINGTALK_ROBOT": "DingTalk group",
  "channels.channel.SMS": "SMS",
  "channels.to": "To",
  "channels.attempts": "Attempts",
  "channels.noDeliveries": "No deliveries yet",
  "channels.testKind": "Test message",
  "channels.state.PENDING": "Pending",
  "channels.state.SENDING": "Sending",
  "channels.state.SENT": "Sent",
  "channels.state.FAILED": "Failed",
  "channels.state.SKIPPED": "Not sent",
};
