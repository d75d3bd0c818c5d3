/**
 * The things residents' matters are about, each with the words people use for it ("楼道灯", "声控灯",
 * "楼梯的灯" are one light). Two reports of the same estate and building name the same matter when they
 * name the same things, however they word the rest; different things (电梯 vs 门禁) are different matters.
 */
const CONCEPTS: readonly { id: string; words: RegExp; family?: string }[] = [
  { id: "lift", words: /电梯|升降梯|轿厢|直梯|点题|电体|lift/i },
  { id: "streetLight", words: /路灯|街灯|灯杆|路.{0,3}灯/ },
  { id: "light", words: /(?<!路)灯(?!杆)|光管|照明|黑乎乎|黑漆漆|漆黑|全黑|黑灯瞎火|乌漆嘛黑/ },
  { id: "access", family: "door", words: /门禁|门卡|刷卡|人脸|刷脸|识别|刷不开/ },
  { id: "door", family: "door", words: /单元门(?![禁前口外])|防盗门|卷帘门|楼门(?!口)|门锁|门玻璃|单元.{0,2}大门|天台.{0,3}门/ },
  { id: "barrier", words: /道闸|栏杆|抬杆|闸机|起落杆|杆子|杆儿/ },
  { id: "leak", family: "water", words: /漏(?!电|气)|渗水|(?<!一)滴水|渗漏|水渍|水印|洇水|发霉/ },
  { id: "pipe", family: "water", words: /水管|管道|管子|爆管|水表|水箱/ },
  { id: "drain", family: "water", words: /下水|污水|排水|抽水|水泵|雨水井|返水|反水|化粪池|粪水|马桶|堵塞|积水|水(好|很|太)?深/ },
  { id: "manhole", words: /井盖|窨井|井.{0,3}(没|冇|无)得?有?盖/ },
  { id: "waterSupply", words: /停水|没水|断水|水压|水流|加压泵|来水|没有水|仃水|水龙头/ },
  { id: "power", family: "charging", words: /停电(?!机)|没电|断电|跳闸|电闸/ },
  { id: "heating", words: /暖气|供暖|采暖/ },
  { id: "garbage", words: /垃圾|拉[鸡机]桶|清运|没人收|没人清|杂物|堆物|纸箱|纸壳|箱子|废品|堆着|堆了/ },
  // Waiting for the guard to open (要等保安开) is how a broken gate is got through, not a complaint of the guard.
  { id: "guard", words: /(?<![等叫找喊让请揾])保安(?![开帮])|岗亭|门卫|值班|不在岗/ },
  { id: "hornets", words: /马蜂|蜂窝|黄蜂/ },
  { id: "rats", words: /老鼠|鼠|耗子/ },
  { id: "insects", words: /蟑螂|蚊子|苍蝇|虫/ },
  { id: "animals", family: "animals", words: /狗|猫|宠物|鸽子|(?<!拉)鸡|鸭|鹅|金毛|泰迪|柯基|藏獒|犬/ },
  { id: "parking", words: /停车|车位|乱停|挡住|挡着|堵车|僵尸车|面包车|货车/ },
  { id: "bikes", words: /(?<!电)单车|自行车/ },
  { id: "firelane", words: /消防通道|消防车道|走火(车)?道|生命通道|救命通道|消防门|防火门/ },
  { id: "charging", family: "charging", words: /充电|电瓶车|电动车|电单车|飞线|插线板/ },
  {
    id: "noise",
    words: /吵|嘈|大声|噪音|噪声|扰民|砸墙|电钻|跺脚|拖椅子|弹珠|咚咚|音响|狗叫|吠|(在|一直|整晚|天天|乱).{0,2}叫(?![一那个人车])|叫了一(夜|晚|宿)|打鸣/,
  },
  { id: "mahjong", words: /麻将|棋牌/ },
  { id: "greenery", words: /绿化|绿地|树|草(?!莓|稿)|花坛/ },
  { id: "playground", family: "play", words: /滑梯|秋千|游乐场|游乐区|儿童乐园|跷跷板|沙池/ },
  { id: "wall", words: /墙皮|外墙|墙面|墙上|瓷砖|墙体|裂缝|围墙|保温(层|板)/ },
  { id: "ads", words: /小广告|广告|涂鸦/ },
  { id: "roof", words: /屋顶|楼顶|顶楼|房顶|屋面|天台|顶层/ },
  { id: "handrail", words: /扶手|台阶/ },
  { id: "fitness", family: "play", words: /健身|单杠|双杠|器材|漫步机|跑步机/ },
  { id: "pool", words: /游泳池|泳池|(?<!厨房|洗菜|洗碗|洗手)水池|喷泉|池子/ },
  { id: "express", words: /快递柜|快递|丰巢/ },
  { id: "gas", words: /燃气|煤气|天然气|停气/ },
  { id: "cctv", words: /监控|摄像头/ },
  { id: "fumes", words: /油烟|烟熏|熏得|熏人|烟大/ },
  { id: "propertyFee", words: /物业费|物业服务费/ },
  { id: "parkingFee", words: /停车费|车位费|车位(租金|管理费)/ },
  { id: "deed", words: /房产证|房本|不动产证|(?<!车位|车库)产权证/ },
  { id: "parkingDeed", family: "parking", words: /车位.{0,10}证|车库.{0,10}证|产权车(位|库)/ },
  { id: "handover", words: /逾期交(房|楼)|交(房|楼)晚|晚交(房|楼)|延期交(房|楼|付)|违约金/ },
  // The sale's contract filing and its tax receipt are other papers than the title.
  { id: "salePapers", words: /网签|税票|契税/ },
  // A hydrant stripped of its hose is not an extinguisher out of date.
  { id: "hydrant", words: /消防栓|水带/ },
  { id: "extinguisher", words: /灭火器/ },
  // A broken window pane is not the stairwell's light.
  { id: "glass", words: /(窗|玻璃).{0,3}(碎|破|烂|裂)/ },
  // Smoking is its own matter: not the lift it happens in, nor a smell of gas.
  { id: "smoking", words: /抽烟|吸烟|食烟|烟头/ },
  { id: "intercom", words: /对讲|门铃|可视/ },
  // A garage's or basement's fans are not its lights or its standing water.
  { id: "ventilation", words: /排风|通风|抽风|风机|排气扇/ },
  // A flat smaller than sold is not the flat's title.
  { id: "floorArea", words: /面积|缩水|公摊|平方/ },
  // An old person's card, an allowance and welfare are three errands.
  { id: "seniorCard", words: /老年(证|卡)|长者.{0,3}卡|优惠卡/ },
  { id: "allowance", words: /补贴|津贴/ },
  { id: "welfare", words: /低保/ },
];

// What is wrong with a thing: "电梯坏了不动" and "电梯里太脏了" are two matters about one lift. "坏了" alone
// says something is wrong without saying what, so it agrees with any other fault.
const BROKEN = /坏|故障|失灵|不能用|用不了|有问题/;
// Faults of one family are one fault told in other words: a barrier that 抬不起来 is one that lets no car
// 出不去, a bin 满了 is one that 臭; a door that will not open is not one that will not close, and a lift
// that stopped is not one whose buttons do nothing (a door that 打不开 may be either).
const CONDITIONS: readonly { id: string; words: RegExp; family?: string | readonly string[] }[] = [
  {
    id: "stuck",
    words: /不动|卡住|卡在|卡\d+楼|卡[一二三四五六七八九十]+楼|停了|停在(?![^，。 ]{0,6}(车位|位子|位置))|不走了|罢工|抬不起来|不抬杆|起不来|不自动起/,
  },
  {
    id: "unresponsive",
    words: /(没|冇|无)反应|扫不(上|了|起|出)|离线|不能充|没反映|按.{0,4}没用|按不亮|不亮|不好使|不灵|失灵|(?<![都们也])不认(?!识|可|账)/,
  },
  // A fan or a pump that 不转 has stopped (停了) as much as it does nothing.
  { id: "notTurning", family: ["stuck", "unresponsive"], words: /不转/ },
  {
    id: "wontOpen",
    family: ["stuck", "unresponsive"],
    words: /打不开|不开门|开不了|刷不开|刷(卡|脸)?(无|唔|勿)开|开(唔|无)到|刷(卡|脸)不开|开不开|进不去|进不来|出不去|出不来/,
  },
  {
    id: "wontClose",
    words:
      /关不上|关不严|关不紧|关(唔|无|勿)(埋|上|紧)|关毋起来|合不拢|合不上|锁不上|敞着|一直开着|没盖子|没有盖子|放不下|落不下|不落(?!实)|一直抬|抬着不|一直竖|竖着|一直升|升起/,
  },
  { id: "noWater", words: /停水|没水|冇水|断水|仃水|一滴(水)?都没|一点水都没|没有水/ },
  // Water that comes yellow or rusty is another fault than water that does not come or comes weakly.
  { id: "chlorinated", words: /漂白粉|消毒水味|氯/ },
  { id: "discoloured", words: /发黄|黄黄|黄的|黄色|黄水|锈水|铁锈味|浑浊|有颜色/ },
  { id: "lowPressure", words: /水压|水(很|太|特别|好)?小|水流.{0,2}小|水上不来|水出不来|挤牙膏/ },
  { id: "full", family: "uncollected", words: /满了|满得|满出|冒尖|没倒|溢出|爆满|塞不进|装不下|没人(拉|收|清)|不清运/ },
  // Things piled up in a stairwell or a way (堆满纸箱) are the clutter that blocks it (过不去).
  { id: "piledUp", family: ["uncollected", "occupied"], words: /堆满|堆了|堆着|堆在|堆到|堆得/ },
  { id: "price", words: /贵|涨|收费|收.{0,3}钱|一度|块钱/ },
  { id: "noPower", family: "unresponsive", words: /不来电|不通电|不出电|不充电|充不(上|进)/ },
  // Paid and nothing given (扫码扣了钱电没充上) is another fault than a machine that does nothing.
  { id: "charged", words: /扣(了|咗)?.{0,2}(钱|费)|(钱|錢).{0,2}(扣|退)|(付|俾)(了|咗)?钱/ },
  { id: "invoice", words: /发票/ },
  // A receipt not given and a bill chased again are other troubles of a fee than its rise.
  { id: "receipt", words: /收据/ },
  { id: "dunned", words: /催缴|催费|催交/ },
  // Where a thing stands (a bin too near a building, 要求挪走) and how it is sorted are other troubles than its being full.
  { id: "misplaced", words: /太近|挪走|搬走|挪位置|挪个?地方|(要求|建议).{0,4}(挪|搬|移)|紧挨|放得太远/ },
  { id: "unsorted", words: /分类|混着|混在一起|倒在一起|一车拉走/ },
  // Out of date (过期, 年检) is not out of order.
  { id: "expired", words: /过期|年检/ },
  // A dog that barks is not one off its lead or fouling the stairs.
  // A dog that barks at people (见人就叫) is the fierce dog loose, not the noise.
  { id: "barking", words: /(?<!见人就)吠|狗.{0,4}(?<!见人就)叫|汪汪/ },
  // Street lights put out early at night are not lights that are out.
  { id: "offEarly", words: /点(钟)?(就|全)?(灭|关|熄)/ },
  { id: "unrecognised", words: /认不出|识别不了|不识别|识别不出/ },
  { id: "unleashed", words: /拴绳|牵绳|拖绳|不牵|不拴|(无|没|冇)绑/ },
  { id: "dark", words: /不亮|全黑|漆黑|黑乎乎|黑漆漆|黑的|(很|好|太)黑/ },
  { id: "noisy", words: /异响|咯噔|响声|嘎吱|咯吱|吱呀|咔咔|喀喀|咯咯|怪声|哐哐|声音(很|好|太|特别)?大/ },
  { id: "slow", words: /(太|好|很|特别)慢|慢得|慢死|慢要命|慢吞吞/ },
  { id: "scarce", words: /太少/ },
  { id: "hits", words: /落得太快|夹(人|到|了)/ },
  // Something that falls and strikes (掉下来 … 差点砸到人) is told by either word.
  { id: "struck", family: ["hits", "brokenOff"], words: /砸/ },
  { id: "fallen", family: "brokenOff", words: /掉(了|下)|脱落|翘起/ },
  { id: "defaced", words: /乱贴|涂鸦|乱画|小广告/ },
  { id: "taken", words: /拿错|丢件|被人拿|撬|偷|丢了|被盗/ },
  {
    id: "obstructing",
    family: "occupied",
    words: /占道|占路|摆到(人行道|路|马路)|挡(路|道)|过不去|进不去|进不来|出不去|堵死|人行道|占了.{0,4}(空地|停车场|车道|场地)/,
  },
  // A car left for months (僵尸车): told in other words (停了半年没动, 轮胎瘪, 一层灰) it is one matter, but not any car
  // parked badly or in one's own space (乱停, 我的车位被占).
  {
    id: "abandoned",
    family: ["abandoned", "stuck"],
    words: /僵尸车|(半|一|两|几|好几|[0-9]+)(个多?)?(年|月)(多)?(了)?没(人)?(动|挪|开)|(瘪|灰厚|落满灰|一层灰|一层土)/,
  },
  // A lamp that flickers or stays on by day is another fault than one that is out.
  { id: "flickering", words: /闪(?!电)|忽明忽暗/ },
  { id: "alwaysOn", words: /不灭|不熄|唔熄|一直亮|白天也(亮|开|着)|日头都着/ },
  { id: "cracked", words: /碎|裂|口子/ },
  { id: "snapped", family: "brokenOff", words: /断了|断掉|断裂|断开/ },
  { id: "loose", family: ["loose", "brokenOff"], words: /松了|晃(?!眼)|(?<![手腿脚冻][都得在]?)抖|歪|要倒/ },
  { id: "dirty", family: "uncollected", words: /脏|泥|臭|异味|味道|乱七八糟|屎|粪|翻得|大小便|小便|尿/ },
  { id: "worn", words: /掉漆|生锈|锈/ },
  { id: "cut", words: /砍|破坏|挖/ },
  { id: "cold", words: /不热|不暖|温度低|冰凉/ },
  // A door that slams for its broken closer is a door that does not close gently, not a card reader that fails.
  { id: "doorCloser", family: "wontClose", words: /闭门器|摔门|门.{0,3}(砰|嘭)|嘭一声/ },
  // A bin's lid gone is not the bin left full.
  { id: "lidMissing", family: "wontClose", words: /盖子.{0,3}(没|坏|冇|掉|烂|脱)|(没|冇)有?盖/ },
  { id: "leaking", words: /漏水|渗水|(?<!一)滴水|泡了/ },
  // Water let fall from a flat above is not a leak of its pipes or roof, and an air conditioner's drip is not
  // the laundry's (晾衣服, 浇花, 洗拖把).
  { id: "airconDrip", words: /空调(的)?水|冷气机?(的)?水|(空调|冷气).{0,10}滴|冷凝水/ },
  { id: "laundryDrip", words: /晾|晒(衣|被)|浇花|洗拖把/ },
  {
    id: "parkedBadly",
    family: "occupied",
    words: /乱停|停在[^，。 ]{0,6}(车位|位子|位置)|(被|让|俾).{0,8}(占|停|霸)|霸(住|咗|晒)|占着|停了.{0,3}(车|辆)|又停了|停上了|停满/,
  },
  { id: "rude", words: /态度|骂人|凶/ },
  { id: "asleep", words: /睡觉|不在岗/ },
  { id: "overgrown", words: /伸到|挡(光|窗|得)|太高|那么高|修剪|没剪|茂盛|没阳光/ },
  // 挡住 is said of branches over a window and of a car across a way alike.
  { id: "inTheWay", family: ["overgrown", "occupied"], words: /挡住|挡着/ },
];

// The part or the kind of a thing a report is about: a lift's buttons and its display, a window and a roof, one's
// own parking space and the visitors' spaces are told apart when both reports name one.
const PARTS: readonly { id: string; words: RegExp }[] = [
  { id: "button", words: /按钮|按键|(?<!钥)键/ },
  { id: "display", words: /显示屏|屏幕|乱码/ },
  // A lift's door that shuts too fast or springs back is not its buttons or its display.
  { id: "liftDoor", words: /梯门|(电梯|梯|𨋢).{0,3}门(?!禁|口|卡)|门.{0,3}(夹|又弹|弹开|关太快|关得太快)|夹(手|人|到)/ },
  { id: "liftLight", words: /(电梯|轿厢)[^，。 ]{0,4}灯/ },
  { id: "aircon", words: /空调|风扇|排风|通风/ },
  { id: "window", words: /窗/ },
  { id: "lid", words: /盖子|没盖/ },
  { id: "groundLock", words: /地锁/ },
  { id: "socket", words: /插座|插头|充电口|雨棚/ },
  { id: "plate", words: /车牌/ },
  { id: "ownSpace", words: /(我|我家|我们家|阿拉|俺)(的|家|租的|买的)?车位/ },
  { id: "visitorSpaces", words: /访客车位|临时车位/ },
  { id: "chargingBay", words: /充电车位/ },
  // What the developer promised and has not given: a kindergarten is not a clubhouse or a pool.
  { id: "kindergarten", words: /幼儿园|托儿所/ },
  { id: "clubhouse", words: /会所/ },
  { id: "swimmingPool", words: /泳池/ },
  { id: "school", words: /学校|小学|中学/ },
  // A gate's card reader is not its face reader.
  { id: "card", words: /刷卡|门卡|拍卡|门禁卡/ },
  { id: "face", words: /人脸|刷脸|面部/ },
  // Pests of one kind: mosquitoes are not cockroaches (flies, by a full bin, are a sign of the bin).
  { id: "mosquitoes", words: /蚊子/ },
  // Rats in the grass are not mosquitoes there.
  { id: "rats", words: /老鼠|耗子/ },
  { id: "cockroaches", words: /蟑螂/ },
  // Stray cats are not stray dogs.
  { id: "cats", words: /猫/ },
  { id: "dogs", words: /狗|犬/ },
];

// Fittings that are a matter of their own: a report that names one is about it, not about the roof, the garage or
// the lift it is fitted to (楼顶漏水 vs 楼顶太阳能管子漏水, 车库灯不亮 vs 车库排风扇不转, 电梯停了 vs 电梯冷气不凉).
// Two reports part when either names one of these and they name none in common.
const FITTINGS: readonly { id: string; words: RegExp }[] = [
  { id: "solarHeater", words: /太阳能/ },
  { id: "lightningRod", words: /避雷针/ },
  { id: "sprinkler", words: /喷淋/ },
  { id: "fan", words: /排风|风扇|风机|排气扇/ },
  { id: "aircon", words: /空调|冷气/ },
  { id: "emergencyLight", words: /应急灯|安全出口/ },
  { id: "heightBar", words: /限高/ },
];

// Fittings residents often leave unnamed (门关不上 for a broken 闭门器, 水发黄 for a dirty 水箱): these part two reports
// only when both name one and not the same.
const NAMED_FITTINGS: readonly { id: string; words: RegExp }[] = [
  { id: "waterHeater", words: /热水器/ },
  { id: "waterTank", words: /水箱/ },
  { id: "doorCloser", words: /闭门器/ },
  { id: "groundLock", words: /地锁/ },
  { id: "mailbox", words: /信报?箱|邮箱/ },
  { id: "speedBump", words: /减速带/ },
  { id: "mirror", words: /镜/ },
  { id: "canopy", words: /雨棚|车棚顶/ },
];

/** The fittings a text names that part it from a report that names none of them (太阳能, 排风扇, 空调). */
export function fittingsOf(text: string): Set<string> {
  return new Set(FITTINGS.filter((fitting) => fitting.words.test(text)).map((fitting) => fitting.id));
}

/** The fittings a text names that part it only from a report that names another (闭门器 vs 地锁). */
export function namedFittingsOf(text: string): Set<string> {
  return new Set(NAMED_FITTINGS.filter((fitting) => fitting.words.test(text)).map((fitting) => fitting.id));
}

export function partsOf(text: string): Set<string> {
  return new Set(PARTS.filter((part) => part.words.test(text)).map((part) => part.id));
}

const LIFT_PRESSED_IN_VAIN = /(电梯|电体|点题|梯).{0,12}按(了|咗)?.{0,4}(没|冇|无)反应/;
const BUTTON_NAMED = /按钮|按键|(?<!钥)键/;
const PARKING_SPACE = /车位/;

/** What is wrong with the things a text names, beyond "坏了", by family. */
export function conditionsOf(text: string): Set<string> {
  const conditions = new Set(CONDITIONS.filter((condition) => condition.words.test(text)).flatMap((condition) => condition.family ?? condition.id));
  // A lift pressed for that does nothing (按了没反应, no button named) has stopped: it is the lift 停在一楼不动.
  if (conditions.has("unresponsive") && LIFT_PRESSED_IN_VAIN.test(text) && !BUTTON_NAMED.test(text)) conditions.add("stuck");
  // 滴水 said of laundry or an air conditioner is that drip, not a leak, unless a leak is named too.
  if ((conditions.has("airconDrip") || conditions.has("laundryDrip")) && !/漏|渗/.test(text)) conditions.delete("leaking");
  // A car standing in a parking space (停在上面, 停了一上午) takes it: it is not a lift or a barrier stopped.
  if (conditions.has("stuck") && PARKING_SPACE.test(text) && !conditions.has("abandoned") && !/卡|不动|不走/.test(text)) {
    conditions.delete("stuck");
    conditions.add("occupied");
  }
  return conditions;
}

/** Whether a text says something is wrong without saying what ("坏了"). */
export function saysBroken(text: string): boolean {
  return BROKEN.test(text);
}

/**
 * The things a text is about, by family: a leaking pipe and a leak are one thing to match on, as are a
 * charging pile and its power, a lock and the door.
 */
export function conceptsOf(text: string): Set<string> {
  const concepts = new Set(CONCEPTS.filter((concept) => concept.words.test(text)).map((concept) => concept.family ?? concept.id));
  // A lamp out in the open (小广场那几个灯, 北门那条路一盏灯都没有) is a street light, one in a building or garage is not.
  if (concepts.has("light") && OUTDOORS.test(text) && !INDOORS.test(text)) concepts.add("streetLight");
  // A parking space's title (车位…产权证) is not the flat's (房产证).
  if (PARKING_TITLE.test(text) && !FLAT_TITLE.test(text)) concepts.delete("deed");
  return concepts;
}

const OUTDOORS = /广场|花园|院子|门口|门那|(?<!楼)路|街/;
const INDOORS = /楼道|楼梯|走廊|大堂|电梯|车库|地库|停车场|地下|垃圾房|单元/;
const PARKING_TITLE = /(车位|车库).{0,10}证/;
const FLAT_TITLE = /房产证|不动产证/;

// Where in the estate or the building: reports at different gates, sides or rooms are different matters.
// Each place belongs to a kind: two reports conflict when they name places of one kind and none in common
// (东门 vs 西门, A区 vs C区), not when one names a gate and the other a zone.
const PLACES: readonly { id: string; kind: string; words: RegExp }[] = [
  { id: "east", kind: "side", words: /东大?(门|边|侧|面)/ },
  { id: "south", kind: "side", words: /南大?(门|边|侧|面)/ },
  { id: "west", kind: "side", words: /西大?(门|边|侧|面)/ },
  { id: "north", kind: "side", words: /北大?(门|边|侧|面)/ },
  // The main gate (大门) faces some side: it is told from a back gate, not from 东门 or 北大门.
  { id: "front", kind: "gate", words: /前门|正门|(?<![东南西北])大门/ },
  { id: "back", kind: "gate", words: /后门|侧门/ },
  ...["东", "南", "西", "北"].map((side) => ({ id: `${side}Unit`, kind: "unitSide", words: new RegExp(`${side}(边)?单元`) })),
  { id: "entrance", kind: "way", words: /入口|进口/ },
  { id: "exit", kind: "way", words: /出口/ },
  { id: "phase1", kind: "phase", words: /(一|1)期/ },
  { id: "phase2", kind: "phase", words: /(二|2)期/ },
  { id: "phase3", kind: "phase", words: /(三|3)期/ },
  ...["A", "B", "C", "D", "E", "F"].map((zone) => ({ id: `zone${zone}`, kind: "zone", words: new RegExp(`${zone}区`, "i") })),
  { id: "top", kind: "part", words: /楼顶|顶楼|顶层|屋顶|天台/ },
  // A ground-floor flat's yard (一楼那家把院子往外扩) is not the roof another flat built on.
  { id: "yard", kind: "part", words: /院子|(一|1|底)楼.{0,8}花园/ },
  { id: "basement", kind: "part", words: /地下室|地下车库|地库|负一/ },
  { id: "bathroom", kind: "part", words: /卫生间|厕所|洗手间/ },
  { id: "kitchen", kind: "part", words: /厨房/ },
  { id: "balcony", kind: "part", words: /阳台/ },
  { id: "stairwell", kind: "part", words: /楼道|楼梯间/ },
  { id: "exterior", kind: "part", words: /外墙|外立面/ },
  { id: "liftCar", kind: "part", words: /轿厢|电梯(里|内)/ },
  // A garage's levels: water in B2 is not the damp on B1's wall.
  { id: "level1", kind: "level", words: /(?<![A-Za-z\d])B1(?!\d)|负一|地下一层/i },
  { id: "level2", kind: "level", words: /(?<![A-Za-z\d])B2(?!\d)|负二|地下二层/i },
];

/**
 * The text without the words for things and places it names, numbers, building and unit words and the bot's
 * name: what is left says what is wrong, and how.
 */
export function withoutThingsAndPlaces(text: string): string {
  let rest = text.replace(/@\S+/g, "");
  for (const { words } of [...CONCEPTS, ...PLACES]) rest = rest.replace(new RegExp(words.source, `${words.flags.replace("g", "")}g`), "");
  return rest.replace(/[0-9０-９一二三四五六七八九十百零两]+(号楼|栋|幢|楼|单元|层|号|室)?|[^\p{Script=Han}A-Za-z]/gu, "");
}

export function placesOf(text: string): Set<string> {
  return new Set(PLACES.filter((place) => place.words.test(text)).map((place) => place.id));
}

/** Whether two texts name different places of the same kind. */
const PLACE_IDS_BY_KIND: readonly (readonly string[])[] = [...new Set(PLACES.map((place) => place.kind))].map((kind) =>
  PLACES.filter((place) => place.kind === kind).map((place) => place.id),
);

export function placesConflict(left: ReadonlySet<string>, right: ReadonlySet<string>): boolean {
  for (const ids of PLACE_IDS_BY_KIND) {
    const a = ids.filter((id) => left.has(id));
    const b = ids.filter((id) => right.has(id));
    if (a.length && b.length && !a.some((id) => b.includes(id))) return true;
  }
  return false;
}

/** Jaccard overlap of two sets; 0 when both are empty. */
export function overlap(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  const union = new Set([...left, ...right]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const item of left) if (right.has(item)) shared++;
  return shared / union.size;
}
