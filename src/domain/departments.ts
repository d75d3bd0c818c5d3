/**
 * County departments, after the first-level categories of the 12345 citizen hotline, with the words that
 * point to them. At the top level the bot suggests one; staff confirm with 派单 N <部门>.
 */
export const COUNTY_DEPARTMENTS: readonly { name: string; keywords: string[] }[] = [
  { name: "劳动和社会保障", keywords: ["工资", "欠薪", "拖欠", "社保", "医保", "养老", "退休", "劳动", "就业", "失业", "工伤"] },
  { name: "城乡建设", keywords: ["房产证", "不动产", "物业", "电梯", "维修基金", "违建", "私搭", "道路", "井盖", "路灯", "供水", "停水", "供暖", "暖气", "燃气", "老旧小区", "改造", "拆迁"] },
  { name: "教育文体", keywords: ["学校", "上学", "入学", "学区", "幼儿园", "教育", "培训", "体育", "健身器材", "文化"] },
  { name: "卫生计生", keywords: ["医院", "诊所", "卫生院", "疫苗", "看病", "生育", "新生儿", "计生", "食品安全", "药"] },
  { name: "交通运输", keywords: ["公交", "停车", "车位", "交通", "红绿灯", "出租车", "道闸", "僵尸车", "占道"] },
  { name: "商贸旅游", keywords: ["商户", "店铺", "超市", "夜市", "摊贩", "摆摊", "饭店", "餐馆", "烧烤", "市场", "消费", "价格"] },
  { name: "环境保护", keywords: ["噪音", "噪声", "油烟", "污水", "排污", "垃圾", "臭", "异味", "扬尘", "污染", "废气"] },
];

/** The department whose words the text mentions most, or null when none is mentioned. */
export function suggestDepartment(text: string): string | null {
  let best: { name: string; score: number } | null = null;
  for (const department of COUNTY_DEPARTMENTS) {
    const score = department.keywords.filter((keyword) => text.includes(keyword)).length;
    if (score > 0 && (!best || score > best.score)) best = { name: department.name, score };
  }
  return best?.name ?? null;
}

export function isCountyDepartment(name: string): boolean {
  return COUNTY_DEPARTMENTS.some((department) => department.name === name);
}
