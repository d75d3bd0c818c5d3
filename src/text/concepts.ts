/**
 * The things residents' matters are about, each with the words people use for it ("楼道灯", "声控灯",
 * "楼梯的灯" are one light). Two reports of the same estate and building name the same matter when they
 * name the same things, however they word the rest; different things (电梯 vs 门禁) are different matters.
 */
const CONCEPTS: readonly { id: string; words: RegExp }[] = [
  { id: "lift", words: /电梯|升降梯|轿厢|直梯/ },
  { id: "light", words: /灯|照明|黑乎乎|黑漆漆|黑灯瞎火|乌漆嘛黑/ },
  { id: "door", words: /门禁|单元门|防盗门|楼门(?!口)|门锁|门卡|刷卡|刷不开|人脸|刷脸|识别/ },
  { id: "barrier", words: /道闸|栏杆|抬杆|闸机|起落杆/ },
  { id: "leak", words: /漏水|渗水|滴水|渗漏|水渍|水印|洇水|漏雨|发霉|漏了/ },
  { id: "pipe", words: /水管|管道|管子|爆管|水表|水箱/ },
  { id: "drain", words: /下水道|下水管|下水井|排水|返水|反水|化粪池|粪水|马桶|堵|积水/ },
  { id: "manhole", words: /井盖|窨井/ },
  { id: "waterSupply", words: /停水|没水|断水|水压|来水|没有水|仃水/ },
  { id: "power", words: /停电|没电|断电|跳闸|电闸/ },
  { id: "heating", words: /暖气|供暖|采暖/ },
  { id: "garbage", words: /垃圾|清运|没人收|没人清|杂物|堆物|纸箱|纸壳|废品/ },
  { id: "pests", words: /老鼠|蟑螂|蚊子|苍蝇|虫/ },
  { id: "animals", words: /狗|猫|宠物|鸽子/ },
  { id: "leash", words: /拴绳|牵绳|遛狗/ },
  { id: "parking", words: /停车|车位|乱停|挡住|堵车|僵尸车/ },
  { id: "charging", words: /充电|电瓶车|电动车|飞线|插线板/ },
  { id: "noise", words: /吵|噪音|噪声|扰民|装修声|电钻|广场舞|音响|喇叭|狗叫|一直叫|天天叫|乱叫/ },
  { id: "mahjong", words: /麻将/ },
  { id: "greenery", words: /绿化|树|草坪|草地|花坛|杂草/ },
  { id: "wall", words: /墙皮|外墙|墙面|瓷砖|墙体|裂缝|围墙/ },
  { id: "ads", words: /小广告|广告|涂鸦/ },
  { id: "roof", words: /屋顶|楼顶|顶楼|屋面|天台|顶层/ },
  { id: "stairs", words: /楼梯(?!灯|口|间)|扶手|台阶/ },
  { id: "fitness", words: /健身|单杠|双杠|器材/ },
  { id: "pool", words: /游泳池|泳池/ },
  { id: "express", words: /快递柜|快递|丰巢/ },
  { id: "gas", words: /燃气|煤气|天然气/ },
  { id: "fire", words: /消防|灭火器|消防栓/ },
  { id: "cctv", words: /监控|摄像头/ },
  { id: "fumes", words: /油烟|烧烤/ },
];

/** The things a text is about. */
export function conceptsOf(text: string): Set<string> {
  return new Set(CONCEPTS.filter((concept) => concept.words.test(text)).map((concept) => concept.id));
}

// Where in the estate or the building: reports at different gates, sides or rooms are different matters.
const PLACES: readonly { id: string; words: RegExp }[] = [
  { id: "east", words: /东(门|边|侧|面)/ },
  { id: "south", words: /南(门|边|侧|面)/ },
  { id: "west", words: /西(门|边|侧|面)/ },
  { id: "north", words: /北(门|边|侧|面)/ },
  { id: "front", words: /前门|正门|大门/ },
  { id: "back", words: /后门|侧门/ },
  { id: "top", words: /楼顶|顶楼|顶层|屋顶|天台/ },
  { id: "basement", words: /地下室|地下车库|负一/ },
  { id: "bathroom", words: /卫生间|厕所|洗手间/ },
  { id: "kitchen", words: /厨房/ },
  { id: "balcony", words: /阳台/ },
];

export function placesOf(text: string): Set<string> {
  return new Set(PLACES.filter((place) => place.words.test(text)).map((place) => place.id));
}

/** Jaccard overlap of two sets; 0 when both are empty. */
export function overlap(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  const union = new Set([...left, ...right]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const item of left) if (right.has(item)) shared++;
  return shared / union.size;
}
