/** Every sentence an Open311 client reads (error descriptions, status notes, service descriptions). */

export const KEY_MISSING = "缺少 api_key：请在参数 api_key 或请求头 X-Api-Key 中提供接入密钥";
export const KEY_INVALID = "api_key 无效或已停用";
export const rateLimited = (perMinute: number, retryAfterSeconds: number) =>
  `请求过于频繁：每个接入密钥每分钟最多 ${perMinute} 次，请 ${retryAfterSeconds} 秒后再试`;
export const NO_SUCH_REQUEST = (id: string) => `没有编号为 ${id} 的诉求，或不在本密钥的管辖范围内`;
export const NO_SUCH_TOKEN = "本接口受理即生成工单编号，没有待处理的 token";
export const NO_SUCH_ROUTE = "没有这个接口；可用：services、requests、requests/{id}，格式为 .json 或 .xml";
export const UNSUPPORTED_FORMAT = "只支持 .json 和 .xml 两种格式";
export const unknownParameter = (names: string[]) => `不认识的参数：${names.join("、")}`;
export const badParameter = (name: string, why: string) => `参数 ${name} 不正确：${why}`;
export const missingParameter = (name: string) => `缺少必填参数 ${name}`;
export const UNKNOWN_SERVICE = (code: string) => `没有编码为 ${code} 的服务（类别），可用的见 services`;
export const BAD_DATE = "应为 W3C 日期时间，如 2026-11-23T10:00:00+08:00";
export const DATES_REVERSED = "end_date 应晚于 start_date";
export const DATE_RANGE_TOO_LONG = (days: number) => `start_date 到 end_date 不能超过 ${days} 天`;
export const BAD_STATUS = "只能是 open 或 closed";
export const BAD_NUMBER = (min: number, max: number) => `应为 ${min} 到 ${max} 之间的整数`;
export const BAD_IDS = (max: number) => `应为逗号分隔的工单编号（正整数），最多 ${max} 个`;
export const TOO_LONG = (max: number) => `不能超过 ${max} 个字`;
export const BLANK = "不能为空";
export const BAD_COORDINATE = "应为经纬度数值（lat -90 到 90，long -180 到 180），并且 lat 和 long 一起给出";
export const BAD_URL = "应为 http 或 https 地址";
export const BAD_EMAIL = "不是有效的电子邮箱";
export const BAD_PHONE = "不是有效的电话号码";
export const NO_ESTATE = "无法确定是哪个小区：请用 estate 参数给出小区的编号或名称，或在 address_string 中写明小区名称（须在本密钥的管辖范围内）";
export const AMBIGUOUS_ESTATE = (names: string[]) => `address_string 中的小区名称不止一个（${names.join("、")}），请用 estate 参数指明`;
export const UNKNOWN_ESTATE = (name: string) => `本密钥的管辖范围内没有小区「${name}」`;
export const NO_RESIDENTS_GROUP = (estate: string) => `小区「${estate}」还没有绑定居民群，暂时无法受理；请联系社区`;
export const BAD_BODY = "请求体应为 application/x-www-form-urlencoded 或 JSON 对象";
export const BODY_TOO_LARGE = "请求体过大";
export const UNAVAILABLE = "暂时无法处理，请稍后重试";
export const INTERNAL = "服务器内部错误";

/** The filer of an Open311 report as staff read it in the ticket's history: the client's name. */
export const clientFiler = (clientName: string) => `${clientName}（Open311 接入）`;

/** Chinese descriptions of the default categories; a deployment's own category reads its name. */
export const SERVICE_DESCRIPTIONS: Record<string, string> = {
  repair: "小区里的设施坏了、漏了、堵了或不能用：水、电、下水道、电梯、路灯、门禁、屋顶外墙、暖气等",
  sanitation: "垃圾、脏乱、异味、蚊虫鼠害、污水外溢、绿化无人打理、宠物粪便等环境卫生问题",
  parking: "小区内及门口的停车和交通：车位、停车收费、道闸、乱停占道、僵尸车等",
  charging: "电动自行车和汽车充电：充电桩缺少或损坏、飞线充电、楼道充电等",
  safety: "危及人身安全的隐患：消防通道和消防设施、燃气泄漏、电线裸露、高空坠物、治安防盗等",
  noise: "噪音扰民：装修施工、广场舞、喇叭、夜间施工、动物或机器噪音等",
  neighbor: "居民之间的纠纷或占用公共空间：违建私搭、楼道堆物、养犬、楼上漏水等",
  property: "物业公司或业委会本身的问题：物业费和收费、服务质量、态度、公共收益、业委会选举、开发商配套等",
  business: "商户经营：餐馆油烟和噪音、占道摆摊、住改商、无证餐饮、夜市等",
  consult: "政策和办事咨询：证件、补贴、保险、户籍、子女入学等",
  legal: "向企业、雇主或开发商维权：欠薪、合同、押金、逾期交房或办证、诈骗、赔偿等",
  other: "不属于以上类别的小区事务",
};

export const serviceDescriptionOf = (name: string) => `${name}相关事项`;

/** The service groups (GeoReport v2 `group`) of the default categories. */
export const SERVICE_GROUPS: Record<string, string> = {
  repair: "设施维修",
  charging: "设施维修",
  sanitation: "环境秩序",
  parking: "环境秩序",
  noise: "环境秩序",
  safety: "公共安全",
  neighbor: "邻里与物业",
  property: "邻里与物业",
  business: "邻里与物业",
  consult: "咨询与援助",
  legal: "咨询与援助",
};
export const OTHER_GROUP = "其他";
