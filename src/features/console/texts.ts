/** Every sentence of the staff console (工作台) that the server writes. */

export const signInLink = (url: string) => `工作台登录链接（仅限您本人使用，10 分钟内有效，用一次即失效）：\n${url}`;
export const SIGN_IN_IN_PRIVATE = "为安全起见，登录链接只私聊发给您本人：请在与我的单聊里发「工作台」。";
export const STAFF_ONLY = "工作台只对工作人员开放。";
/** An operator who is staff of no unit, on a page of tickets, figures or meetings. */
export const OPERATOR_WITHOUT_UNITS = "你不是任何单位的工作人员，看不到工单、统计和议事会，只能使用运维页面。";
/** A link that named a member who may not use the console (a resident invited, or staff no longer): spent, no session. */
export const LINK_NOT_STAFF = "工作台只对工作人员开放：这个登录链接对应的账号不是任何单位的工作人员，链接已作废。";
export const LINK_REFUSED = "登录链接无效、已用过或已过期，请在群里重新发「工作台」获取。";
export const SIGNED_OUT = "未登录或登录已超时，请在群里发「工作台」获取登录链接。";
export const CSRF_REFUSED = "请求来源不对，请刷新页面后重试。";
export const NO_SUCH_TICKET = (n: number) => `找不到工单 #${n}，或它不在您的管辖范围内。`;
export const NO_SUCH_UNIT = "这个单位不在您的管辖范围内。";
export const NO_GROUP_FOR_ACTION = (n: number) => `您不在工单 #${n} 所在小区或上级单位的任何群里，无法代为发出指令。`;
/** A platform's own sign-in (WeCom OAuth, DingTalk 免登) that opened no session, by its reason. */
export const PLATFORM_SIGN_IN_REFUSED = {
  notStaff: "工作台只对工作人员开放。",
  unknownMember: "还没有您在本系统里的记录：请先在工作群里和我说一句话，或请管理员为您设置角色后再试。",
  notMember: "只有本单位通讯录里的成员可以登录工作台。",
  badCode: "登录已失效，请关闭页面后重新打开工作台。",
  unavailable: "暂时无法向平台确认您的身份，请稍后再试，或在群里发「工作台」获取登录链接。",
  badState: "登录请求已过期或不是从本页面发起的，请重新打开工作台。",
} as const;
/** The console's tabs, in order. */
export const CONSOLE_PAGE_LABELS = { board: "工单台账", stats: "统计", meetings: "议事会", points: "积分", rewards: "积分商城", ops: "运维" } as const;
export const SIGN_IN_PAGE_TITLE = "无法登录工作台";
export const SIGN_IN_AGAIN = "返回工作台";
export const VIEW_NAME_TAKEN = (name: string) => `已有名为「${name}」的视图。`;
export const NO_SUCH_VIEW = "找不到这个视图。";
export const BUILT_IN_VIEWS = { mine: "我的待办", overdue: "超期" } as const;
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

/** 议事会 in the console. */
export const NO_SUCH_MEETING = (n: number) => `找不到议事会 #${n}，或它不在您的管辖范围内。`;
export const NOT_IN_MEETING_GROUP = (n: number) => `议事会 #${n} 的操作要在它所在的群里发出，您不在那个群里，请让群里的工作人员处理。`;
export const MEETING_STAGE_LABELS = { upcoming: "未开始", underway: "进行中", held: "已召开", cancelled: "已取消" } as const;
export const FOLLOW_UP_LABELS = { undecided: "待决议", decided: "待落实", overdue: "逾期未落实", done: "已落实" } as const;
export const PUBLICATION_LABELS = { none: "暂无决议", unpublished: "决议未公示", published: "已公示", partly: "有新决议未公示" } as const;
export const REMINDER_LABELS: Record<string, string> = { pending: "待发送", sent: "已发送", skipped: "已跳过", cancelled: "已取消" };

/** 积分 in the console. */
export const POINT_KIND_LABELS: Record<string, string> = {
  report_accepted: "反映被受理",
  report_reversed: "收回（工单撤回或不予受理）",
  meeting_attended: "议事会签到",
  meeting_cancelled: "收回（议事会取消）",
  award: "工作人员奖励",
  exchange: "兑换",
  exchange_collected: "兑换已领取",
  exchange_released: "兑换逾期未领，退回",
  exchange_cancelled: "兑换取消，退回",
};
/** 积分商城 in the console. */
export const LEDGER_HEADERS = ["时间", "小区", "居民", "类型", "积分", "事由", "工单", "奖励人"] as const;
export const EXCHANGE_HEADERS = [
  "取货码",
  "兑换时间",
  "小区",
  "居民",
  "物品",
  "数量",
  "积分",
  "状态",
  "领取期限",
  "办结时间",
  "经办人",
  "合作商家",
  "原因",
] as const;
export const LEDGER_SHEET = "积分台账";
export const EXCHANGE_SHEET = "兑换记录";
export const NO_SUCH_ITEM = "没有这件物品，或它不在您管辖的单位。";
export const ITEM_RETIRED = "这件物品已下架，不能再修改。";
export const ITEM_ALREADY_RETIRED = "这件物品已经下架了。";
export const NOT_YOUR_CATALOGUE = "您不能管理这个单位的兑换物品。";
export const PERIOD_ORDER = "结束时间要晚于开始时间。";
export const NOT_A_HAND_OVER_MEMBER = "核销人要是本单位所辖小区居民群里的成员。";
export const NO_SUCH_ORDER = (code: string) => `没有取货码为 ${code} 的兑换，或它不在您管辖的单位。`;
export const NOT_IN_ORDER_GROUP = (code: string) => `您不在取货码 ${code} 所在小区的群里，也不在其上级的工作群里，无法代为操作。`;
export const NO_SUCH_RESIDENT = "这位居民在您管辖的单位里没有积分记录。";
export const ALL_TIME = "全部";

/** 运维 in the console. */
export const OPERATORS_ONLY = "运维页面只对运维人员开放（BIND_OPERATORS 里列出的账号）。";
export const NO_SUCH_GROUP = (id: string) => `没有群 ${id}。`;
export const FAILURE_LABELS: Record<string, string> = {
  outage: "平台无响应",
  rateLimited: "发送太快被限流",
  rejected: "平台拒收（可重试）",
  permanent: "永久失败",
  unknown: "未记录原因",
};
/** 运维's webhooks: a delivery's status and an event's kind in words, and a replay refused. */
export const DELIVERY_STATUS_LABELS: Record<string, string> = { pending: "待发", sending: "发送中", delivered: "已送达", dead: "死信" };
export const WEBHOOK_EVENT_LABELS: Record<string, string> = {
  "ticket.reported": "新工单",
  "ticket.accepted": "已受理",
  "ticket.assigned": "已派单",
  "ticket.escalated": "已上报上级",
  "ticket.resolved": "已办结",
  "ticket.rated": "已评价",
  "ticket.reopened": "重新打开",
  "ticket.handed_off": "转交12345",
  "meeting.decided": "议事会决议",
};
export const NO_SUCH_WEBHOOK_EVENT = (id: string) => `没有事件 ${id}。`;
export const WEBHOOK_EVENT_WAITING = (id: string) => `事件 ${id} 还在发送队列里（待发或发送中），不必重发。`;
export const CONNECTION_LABELS = { up: "已连接", down: "已断开", callback: "回调模式（无长连接）" } as const;

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
