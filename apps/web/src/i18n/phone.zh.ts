// The phone's UI text (issue #20): the bottom navigation, the menu drawer, taking a photo.
export const phoneZh = {
  "phone.nav": "底部导航",
  "phone.todo": "待办",
  "phone.inbox": "消息",
  "phone.tasks": "我的任务",
  "phone.ledger": "台账",
  "phone.me": "我的",
  "phone.inboxUnread": "消息，{n} 条未读",
  "phone.openMenu": "打开菜单",
  "phone.menuTitle": "菜单",
  "phone.takePhoto": "拍照",
  "phone.chooseFile": "选择文件",
  "phone.uploading": "正在上传 {name}…",
} as const;
