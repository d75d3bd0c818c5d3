import { readFileSync } from "node:fs";
import { z } from "zod";

/** One category of the taxonomy. Ids are stable (they are stored); names and keywords may be overridden. */
export interface Category {
  id: string;
  name: string;
  keywords: string[];
}

export const DEFAULT_CATEGORIES: readonly Category[] = [
  {
    id: "repair",
    name: "物业维修",
    keywords: [
      "维修",
      "报修",
      "坏了",
      "坏掉",
      "修一下",
      "修理",
      "漏水",
      "渗水",
      "滴水",
      "水管",
      "爆管",
      "下水道",
      "堵了",
      "堵塞",
      "马桶",
      "电梯",
      "路灯",
      "楼道灯",
      "声控灯",
      "灯不亮",
      "灯坏",
      "不亮",
      "门禁",
      "单元门",
      "防盗门",
      "墙皮",
      "脱落",
      "屋顶",
      "防水",
      "渗了",
      "卫生间",
      "热水器",
      "没有热水",
      "热水",
      "停水",
      "没水",
      "水压",
      "停电",
      "暖气",
      "供暖",
      "不热",
      "窗户",
      "外墙",
      "管道",
      "水龙头",
      "卡住",
      "故障",
    ],
  },
  {
    id: "sanitation",
    name: "环境卫生",
    keywords: [
      "垃圾",
      "卫生",
      "脏",
      "臭",
      "异味",
      "清运",
      "蚊子",
      "苍蝇",
      "老鼠",
      "蟑螂",
      "狗屎",
      "狗粪",
      "粪便",
      "杂草",
      "落叶",
      "化粪池",
      "拉屎",
      "流浪狗",
      "流浪猫",
      "垃圾桶",
      "保洁",
      "污水",
      "绿化",
      "积水",
    ],
  },
  {
    id: "parking",
    name: "停车交通",
    keywords: [
      "停车",
      "车位",
      "乱停",
      "违停",
      "占道停",
      "堵车",
      "挡住",
      "挡着",
      "挡路",
      "车库",
      "道闸",
      "僵尸车",
      "进不去",
      "出不去",
      "车辆",
      "开车",
      "汽车",
      "私家车",
      "外来车",
    ],
  },
  {
    id: "charging",
    name: "充电设施",
    keywords: ["充电桩", "充电", "电瓶车", "电动车", "飞线", "充电口", "充电站"],
  },
  {
    id: "safety",
    name: "安全隐患",
    keywords: [
      "燃气",
      "煤气",
      "天然气",
      "漏气",
      "着火",
      "起火",
      "火灾",
      "冒烟",
      "失火",
      "困人",
      "被困",
      "困在",
      "关在电梯",
      "漏电",
      "电线",
      "裸露",
      "消防",
      "灭火器",
      "消防通道",
      "隐患",
      "高空抛物",
      "坠物",
      "掉下来",
      "坍塌",
      "塌了",
      "危险",
      "安全",
      "爆炸",
      "火花",
      "防盗",
      "小偷",
      "被盗",
      "陌生人",
      "监控",
      "井盖",
      "掉下去",
    ],
  },
  {
    id: "noise",
    name: "噪音扰民",
    keywords: [
      "噪音",
      "噪声",
      "太吵",
      "吵死",
      "吵得",
      "吵",
      "扰民",
      "装修声",
      "电钻",
      "广场舞",
      "喇叭",
      "音响",
      "半夜",
      "狗叫",
      "天天叫",
      "一直叫",
      "乱叫",
      "睡不着",
    ],
  },
  {
    id: "neighbor",
    name: "邻里纠纷",
    keywords: ["邻居", "纠纷", "吵架", "打架", "矛盾", "对门", "隔壁", "抽烟", "烟味", "占用公共", "堆放", "堆杂物", "私占", "私搭", "违建", "养狗", "调解"],
  },
  {
    id: "property",
    name: "物业服务",
    keywords: ["物业费", "物业不", "物业服务", "物业态度", "物业公司", "保安", "收费", "乱收费", "业委会", "公共收益", "物业管理", "不作为", "没人管"],
  },
  {
    id: "business",
    name: "商户经营",
    keywords: ["商户", "店铺", "店家", "门面", "夜市", "摊贩", "摆摊", "小摊", "占道经营", "烧烤", "油烟", "饭店", "餐馆", "超市", "商铺"],
  },
  {
    id: "consult",
    name: "政策咨询",
    keywords: [
      "咨询",
      "请问",
      "怎么办理",
      "如何办理",
      "怎么办",
      "办理",
      "政策",
      "补贴",
      "医保",
      "社保",
      "低保",
      "户口",
      "房产证",
      "不动产",
      "办证",
      "养老",
      "证明",
      "流程",
      "材料",
      "能不能",
      "可以吗",
      "哪里办",
      "需要带",
    ],
  },
  {
    id: "legal",
    name: "法律援助",
    keywords: ["法律", "律师", "起诉", "欠薪", "拖欠工资", "工资", "合同", "劳动", "维权", "赔偿", "打官司", "法院", "仲裁", "借钱不还"],
  },
  { id: "other", name: "其他", keywords: [] },
];

const overrideSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z_]+$/),
    name: z.string().min(1).optional(),
    keywords: z.array(z.string().min(1)).optional(),
  }),
);

/**
 * Merges an override file into the defaults: an entry with a known id replaces that category's
 * name and/or keywords; a new id adds a category (before 其他).
 */
export function loadTaxonomy(overridePath?: string): Category[] {
  const categories = DEFAULT_CATEGORIES.map((category) => ({ ...category, keywords: [...category.keywords] }));
  if (!overridePath) return categories;
  const overrides = overrideSchema.parse(JSON.parse(readFileSync(overridePath, "utf8")));
  for (const override of overrides) {
    const existing = categories.find((category) => category.id === override.id);
    if (existing) {
      if (override.name) existing.name = override.name;
      if (override.keywords) existing.keywords = override.keywords;
    } else {
      categories.splice(categories.length - 1, 0, {
        id: override.id,
        name: override.name ?? override.id,
        keywords: override.keywords ?? [],
      });
    }
  }
  return categories;
}

// Short names staff use for the default categories (改类 12 噪音).
const CATEGORY_ALIASES: Record<string, string[]> = {
  repair: ["维修", "报修", "修理"],
  sanitation: ["卫生", "环境", "环卫", "垃圾"],
  parking: ["停车", "交通"],
  charging: ["充电"],
  safety: ["安全", "隐患"],
  noise: ["噪音", "噪声", "扰民"],
  neighbor: ["邻里", "纠纷", "邻居"],
  property: ["物业", "物管", "物业管理"],
  business: ["商户", "经营", "商铺", "店铺"],
  consult: ["咨询", "政策"],
  legal: ["法律", "法援", "维权"],
  other: ["其它"],
};

/**
 * The category a staff member names: its id, its name, a short name (噪音), or the one name containing
 * the word; null when none or several match.
 */
export function findCategory(categories: readonly Category[], word: string): Category | null {
  const wanted = word.trim().toLowerCase();
  const exact = categories.find((category) => category.id === wanted || category.name === wanted || CATEGORY_ALIASES[category.id]?.includes(wanted));
  if (exact) return exact;
  const containing = categories.filter((category) => category.name.includes(wanted) || wanted.includes(category.name));
  return containing.length === 1 ? containing[0]! : null;
}

export function categoryName(categories: readonly Category[], id: string): string {
  return categories.find((category) => category.id === id)?.name ?? id;
}
