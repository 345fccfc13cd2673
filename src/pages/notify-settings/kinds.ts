/** The notifications one may mute as WeChat reminders, in words (the inbox keeps all of them). */
export const NOTIFY_KINDS: ReadonlyArray<{ kind: string; label: string; hint: string }> = [
  { kind: 'notice.published', label: '新公告', hint: '小区发布了发给您的公告' },
  { kind: 'binding.approved', label: '房屋绑定通过', hint: '您的房屋绑定申请通过了审核' },
  { kind: 'binding.rejected', label: '房屋绑定被驳回', hint: '您的房屋绑定申请没有通过，附原因' },
  { kind: 'binding.requested', label: '有新的绑定申请', hint: '有居民申请绑定房屋，等待您审核（工作人员）' },
];
