import type { phoneZh } from "./phone.zh.ts";

// The phone's UI text in English (issue #20); the keys are exactly phone.zh.ts's.
export const phoneEn: Record<keyof typeof phoneZh, string> = {
  "phone.nav": "Bottom navigation",
  "phone.todo": "To-do",
  "phone.inbox": "Messages",
  "phone.tasks": "My tasks",
  "phone.ledger": "Ledger",
  "phone.me": "Me",
  "phone.inboxUnread": "Messages, {n} unread",
  "phone.openMenu": "Open the menu",
  "phone.menuTitle": "Menu",
  "phone.takePhoto": "Take photo",
  "phone.chooseFile": "Choose file",
  "phone.uploading": "Uploading {name}…",
};
