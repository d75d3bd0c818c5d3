/** Every sentence of the staff console (工作台) that the server writes. */

export const signInLink = (url: string) => `工作台登录链接（仅限您本人使用，10 分钟内有效，用一次即失效）：\n${url}`;
export const SIGN_IN_IN_PRIVATE = "为安全起见，登录链接只私聊发给您本人：请在与我的单聊里发「工作台」。";
export const STAFF_ONLY = "工作台只对工作人员开放。";
export const LINK_REFUSED = "登录链接无效、已用过或已过期，请在群里重新发「工作台」获取。";
export const SIGNED_OUT = "未登录或登录已超时，请在群里发「工作台」获取登录链接。";
export const CSRF_REFUSED = "请求来源不对，请刷新页面后重试。";
export const NO_SUCH_TICKET = (n: number) => `找不到工单 #${n}，或它不在您的管辖范围内。`;
export const NO_SUCH_UNIT = "这个单位不在您的管辖范围内。";
export const NO_GROUP_FOR_ACTION = (n: number) => `您不在工单 #${n} 所在小区或上级单位的任何群里，无法代为发出指令。`;
export const INVITE_NO_MEMBER = (id: string) => `没有成员 ${id}。`;

/** The export's columns, in order. */
export const EXPORT_HEADERS = [
  "工单号",
  "小区",
  "楼栋",
  "类别",
  "颜色",
  "状态",
  "层级",
  "经办",
  "上报时间",
  "受理期限",
  "办结期限",
  "受理时间",
  "办结时间",
  "超期",
  "代报",
  "照片数",
  "评价",
  "居民原话",
  "办理结果",
] as const;
export const OVERDUE_MARK = "超期";
export const ON_BEHALF_MARK = "代报";
export const EXPORT_SHEET = "工单台账";

/** 月度通报: the workbook's sheets, the file's name, and each table's columns. */
export const REPORT_UNITS_SHEET = "统计";
export const REPORT_STAFF_SHEET = "人员";
export const reportFileName = (unitName: string, periodLabel: string) => `月度通报-${unitName}-${periodLabel}`;
export const REPORT_UNIT_HEADERS = [
  "分组",
  "名称",
  "收到",
  "待受理",
  "受理",
  "办理中",
  "办结",
  "解决",
  "无法解决",
  "转办",
  "不予受理",
  "撤回",
  "受理及时率",
  "按时办结率",
  "办结率",
  "解决率",
  "满意率",
  "平均受理时长（小时）",
  "平均办结时长（小时）",
] as const;
export const REPORT_GROUPS = { total: "合计", child: "下级单位", category: "类别", colour: "颜色" } as const;
export const REPORT_STAFF_HEADERS = ["姓名", "派单", "办结", "超期", "回访", "评价数", "平均评价（满分3）", "满意率"] as const;
/** A rate or an average with nothing to divide. */
export const NO_FIGURE = "—";
