/** The help text: what residents and staff can say to the bot. */
export function helpText(botName: string, isStaff: boolean): string {
  const lines = [
    `我是${botName}，@我 说出问题就能登记工单，例如：`,
    `「@${botName} 3号楼2单元楼道灯不亮」`,
    "居民可用：进度 12｜我的｜附议 12｜撤回 12｜评价 12 满意/基本满意/不满意｜统计｜积分｜积分榜",
    "议事会：议事会｜议程 3｜报名 3｜取消报名 3｜日历",
  ];
  if (isStaff) {
    lines.push("工作人员：待办｜受理 12｜派单 12 物业/网格员/姓名/部门｜升级 12 原因｜办结 12 结果｜驳回 12 原因｜拆分 12 姓名｜积分 奖励 @某人 5 原因");
    lines.push("组织议事：新建议事会 时间 地点 主题｜上会 12｜议题 3 内容｜改期 3 时间｜取消议事会 3 原因｜例会 每月5日 19:30 地点｜签到 3 @某人｜决议 3 1 内容 负责人:某某 期限:12月20日｜公示 3｜落实 3 1 说明");
  }
  return lines.join("\n");
}
