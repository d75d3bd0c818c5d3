/**
 * Red (紧急) means a danger to people or property happening now. Each hazard has the words that say it is
 * happening (in one clause, sometimes with the thing it is about anywhere in the message); a clause that
 * only imagines, remembers, habitually complains about, reports news of or tries to prevent the danger does
 * not count, nor do names of things (救命通道, 消防栓). What to do first is in the features' texts.
 */
import { cantoneseForRules } from "./cantonese.ts";
import { withoutDenials } from "./denials.ts";

export type HazardId =
  | "lift"
  | "fire"
  | "gas"
  | "carbonMonoxide"
  | "electric"
  | "waterElectric"
  | "burstPipe"
  | "falling"
  | "collapse"
  | "medical"
  | "violence"
  | "selfHarm"
  | "child"
  | "animal"
  | "lockedIn"
  | "ledge";

interface Hazard {
  id: HazardId;
  /** Words in one clause that say it is happening. */
  cue: RegExp;
  /** What the message must be about somewhere, when the cue alone is ambiguous ("出不来" needs a lift). */
  context?: RegExp;
  /** Whether the ticket is a safety matter whatever the wording (a burst pipe stays a repair). */
  safety: boolean;
  /**
   * Talk of self-harm is taken as said, even when put as a threat ("说要跳下去", "再不解决我就不想活了"):
   * only hyperbole, the past and news set it aside.
   */
  takenAsSaid?: boolean;
}

const PERSON =
  "(有人|人|我|我们|男的|女的|男人|女人|老头|老太|小伙子?|老人|老汉|老太太|老爷子|大爷|大妈|阿姨|叔叔|孩子|小孩|小朋友|男孩|女孩|女儿|儿子|我妈|我爸|老妈|老爸|母亲|父亲|我老公|我老婆|工人|师傅|邻居|小哥|保安|阿伯|阿婆|阿姐|阿叔|阿妈|阿爸|阿爷|阿嫲|后生仔|后生女|细路仔?|细路女|他|她)";
// Where someone may be locked in: rooms of a flat, a car, the estate's store rooms.
const ROOMS = "(车|屋|房间|卧室|卫生间|厕所|浴室|家|阳台|地下室|储藏(室|间)|仓库|车库|杂物间|设备间)";
const CHILD = "(巴郎子|孩子|小孩|儿童|女儿|儿子|闺女|孙子|孙女|外孙|外孙女|小朋友|小男孩|小女孩|男孩|女孩|宝宝|娃|小学生)";

const HAZARDS: readonly Hazard[] = [
  {
    id: "selfHarm",
    cue: /(要|想)(跳下去|跳楼|自杀|轻生)|跳下去|翻(到|出|过)了(栏杆|护栏|窗)|(站|坐|爬|翻|挂|蹲)(在|到|出)?.{0,6}(窗户?|阳台|栏杆|护栏)外(面|边)?|悬在(外面|半空)|不想活了|活不下去|活着没意思|想不开|寻短见|割腕|烧炭(?!盆|火|取暖|炉)|遗言|(吃|喝)了(一|好多|很多|整|大把).{0,4}(安眠药|农药|老鼠药)|喝(了)?农药/,
    safety: true,
    takenAsSaid: true,
  },
  {
    id: "violence",
    cue: new RegExp(
      `打人了|在打${PERSON}|打(老婆|老公|孩子)|打起来了|(在|正在|还在)打架|打起架来|还在打(?!桩|牌|麻将|电话|游戏|球|扫|钻|呼噜)|(头|脑袋).{0,3}(被)?打破|动手打|(拿|拎|提|举|持)(着|了)?(一)?(把|根|块)?(菜刀|刀|斧头?|棍子?|砖头|棒子?|铁锹)(?!.{0,2}(顶|垫|压|挡|堵|敲|捅|戳))|动刀|砍人|砍伤|捅(人|伤)|(?<!狗.{0,8})追着?(人|砍|打)|行凶|家暴|有人(在)?抢劫|正在抢劫|打伤了|打(到|得)(流血|出血|头破)|${PERSON}被.{0,6}(打|砍|捅|踢)(了|伤)(?![^，。！？\\s]{0,8}(电话|针|疫苗|招呼|卡|分|印|钱|包|扫|折|车))|(喊|叫)救命`,
    ),
    safety: true,
  },
  {
    id: "child",
    cue: new RegExp(
      `${CHILD}.{0,20}(不见了|走丢|丢了|找不到了?|失踪|没回来|没回家|联系不上|掉(下去|进|到)|坠落|摔下|落水|卡(在|住)|卡.{0,4}(里|住)|拔不出来|(锁|关)在.{0,4}(车|屋|家|房间)里|被困|(爬|站|坐)(到|上|在).{0,6}(窗外|窗户外|窗台|阳台外|防盗网|空调(外机)?架|栏杆外|楼顶|天台))`,
    ),
    safety: true,
  },
  {
    id: "child",
    cue: /(?<!□.?)不见了|走丢|找不到了?|失踪|没回来|联系不上|爬出(去|窗)|(站|坐|蹲)在.{0,6}(外面|窗外|空调(外机)?架|栏杆外)|(车|屋|家|房间)里(锁|关)着/,
    context: new RegExp(CHILD),
    safety: true,
  },
  {
    // Someone on a roof, a ledge or outside a window, whatever the reason: get them back before anything else.
    id: "ledge",
    cue: new RegExp(
      `${PERSON}.{0,8}(站|坐|蹲|爬|趴|挂|吊|困|悬)(在|到|上)(了)?.{0,6}(楼顶|屋顶|房顶|天台|窗台外|窗户?外|阳台外|空调(外机)?架|雨棚|屋檐|房檐|栏杆外|护栏外)(上|边|外|沿)?|(楼顶|屋顶|房顶|天台|窗台外|雨棚|空调外机).{0,6}(站着|坐着|蹲着|趴着|挂着)(个|一个)?人|(楼顶|屋顶|房顶|天台|窗台|雨棚|空调外机).{0,8}下不来|(楼顶|屋顶|房顶|天台)(上)?有(个|一个|位)?${PERSON}[^，。！？\\s]{0,10}(哭|往下看|往下望|来回走|走来走去|徘徊|不肯下来|情绪|(话|说|喊|讲)要跳|要跳楼)|(窗台|窗户台|窗户|栏杆|护栏).{0,6}(腿|脚|身子).{0,3}(搭|伸|悬|挂)(在)?(外头|外面|外边)|(站|坐|蹲|爬)(在|到|了)?(空调外机架|空调架|窗台外|窗户外|阳台外|栏杆外|护栏外|围栏外)`,
    ),
    safety: true,
  },
  // Someone sitting on the edge of a roof or a sill, legs hanging out: 「楼顶边上坐着一个小伙子 两条腿挂在外面」.
  {
    id: "ledge",
    cue: /(楼顶|屋顶|房顶|天台)(的)?(边上|边沿|边缘)(上)?(坐|站|蹲)着(个|一个)|(腿|脚)(?!垫|印|步|手架|踏).{0,4}(在外面|挂在外|吊出去|伸出去|悬空|在外头|在外边)/,
    context: /楼顶|屋顶|房顶|天台|窗台|窗口/,
    safety: true,
  },
  {
    id: "lift",
    cue: new RegExp(
      `没有轿厢|下面是空的|出不来|出不去|被关|关着|里面(关|困)着|夹住|夹着|关(在|住|进)?(了)?.{0,3}(电梯|里)|关电梯里|卡(在)?(电梯|梯|轿厢)(里|内)|困(在(?!屋企|屋里|家)|住|了)|被困|困人|${PERSON}.{0,4}在(里面|里头)|里面有人(?![推抽吸食搬运装拉])|(关|困|锁)着(个|一个|两个|三个|几个|好几个|\\d+个)?${PERSON}|(里面|里头|里边)(还)?(有|是)(个|一个|两个|三个|几个|好几个|\\d+个)?${PERSON}(?!抽烟|吸烟|食烟)|(卡|停|悬)(在)?.{0,8}(中间|之间|半截)|关牢|关人|卡人|(关|困)(在)?(里面|里头|里厢|里向|入面)|内有.{0,4}${PERSON}|(按|摁).{0,4}(警铃|铃|紧急按钮|对讲机?).{0,6}(没|冇|无|莫得?)人(应|理|接|搭理|回)|(警铃|紧急按钮|对讲机?).{0,3}(按|摁)(了|过|完)?.{0,4}(没|冇|无|莫得?)人(应|理|接|搭理|回)|我(还|就|现在)?在(电梯|梯)(里|度)|${PERSON}.{0,4}(关|困)(住|牢)了|停在半空|困(在)?(电梯|梯)|困咗(一|两|三|几|好几|\\d+)?(个|位)?${PERSON}|${PERSON}(里面|里头|里边)(有|在)`,
    ),
    // Voice-input and pinyin slips for the lift (店梯, 电体, diàn ti) and the goods lift.
    context: /电梯|轿厢|升降(梯|机)|货梯|客梯|[A-Za-z]梯|[点店]梯|(?<![停充断来通送用漏])电(?:[体题t]|提(?![醒示]))|店提|点题|diàn ?ti|\blift\b/i,
    safety: true,
  },
  // A charcoal stove at the table (打边炉) is common; only people passing out beside it is carbon monoxide now.
  {
    id: "carbonMonoxide",
    cue: /(全家|一家|都|全)(人)?(都)?晕(了|倒|过去)|晕(倒|过去)|(叫|拍|摇)不醒|昏(倒|迷|过去)/,
    context: /炭炉/,
    safety: true,
  },
  {
    // Carbon monoxide from a stove, a charcoal fire or a gas water heater: headache, nausea, someone who will not wake.
    id: "carbonMonoxide",
    cue: /一氧化碳.{0,4}(超标|浓度|很高|爆表)|煤气中毒|中毒|头晕|头(疼|痛)|恶心|想吐|吐了|晕(倒|过去)|昏(倒|迷|过去)|(叫|拍|摇)不醒|没(有)?(了)?(反应|意识)|报警器.{0,3}(响|叫)|呕吐|(都|全)晕了|倒下(了|去)/,
    context: /车.{0,4}(没熄火|打着火)|烧炭|煤炉|炉子|炭火|木炭|炭盆|火盆|蜂窝煤|煤球|烤火|取暖炉|烧煤|燃气热水器|热水器|一氧化碳/,
    safety: true,
  },
  {
    id: "gas",
    cue: /泄漏|泄露|漏了|漏气|(燃气|煤气|天然气|液化气|瓦斯)(在)?漏(?!不漏|没漏|了没|吗|水)|(满屋子?|一屋子|整个屋子?|全屋|屋里|家里|楼道里?)(都是|全是)(煤气|燃气|天然气|液化气|瓦斯)|(燃气|煤气|天然气|液化气|瓦斯)(的)?(味|臭)|臭鸡蛋|破了|越来越(浓|大|重)|味(道)?(好|很|特别|非常|老|贼|忒|太|挺)?(大|重|冲|浓|呛)|(冲|浓|重|呛)的.{0,6}味|一股.{0,8}味|闻到|嘶嘶|嗤嗤|哧哧|呲呲|熏得|头晕/,
    context: /燃气|煤气|天然气|液化气|燃汽|煤汽|瓦斯/,
    safety: true,
  },
  {
    // Someone locked in a room, a bathroom or a car and unable to get out (a lift has its own hazard, a child too).
    id: "lockedIn",
    cue: new RegExp(
      `${PERSON}.{0,6}(被)?(反锁|锁|关|困)(在|进)(了)?.{0,6}(车|屋|房(?![东租产价])|房间|卧室|卫生间|厕所|浴室|家|阳台|露台|地下室|储藏室|仓库|车库|杂物(间|房)|垃圾房|健身(室|房))(里|内)?|(车|屋|房间|卧室|卫生间|厕所|浴室|阳台|地下室|储藏室|仓库)里(面)?(被)?(锁|关|困)(着|住)(个|一个|位)?.{0,2}${PERSON}|(车|房|屋|卫生间|厕所|浴室)门.{0,6}(打不开|开不了|打不开了|锁死).{0,10}(在里面|里面有人|出不来)|(出不来|困在里面).{0,6}(门|锁).{0,4}(打不开|坏了|开不了)|(车|屋|房间|卫生间|厕所|浴室|阳台|地下室|储藏室|储藏间|杂物间|设备间)(里|内)?.{0,3}(锁|关)着.{0,4}(个|一个|只|条)?.{0,3}(${PERSON.slice(1, -1)}|孩儿|狗|猫)|(被|给)(反锁|锁|关)在.{0,12}(出不来|里面|里头)|把自(己|个|家)(反锁|锁|关)(在)?.{0,8}(卫生间|厕所|浴室|阳台|露台|房间|屋|车)|(锁|落)(在)?屋里.{0,12}(孩子|孙子|娃|宝宝|老人).{0,6}(在)?(屋里|里面|里头)|${PERSON}.{0,6}被?(反锁|锁|关|困)${ROOMS}(里|内)|(里|内)(被)?(反锁|锁|关)着.{0,4}(个|一个|只|条)?.{0,3}(${PERSON.slice(1, -1)}|孩儿|狗|猫)|(被|给)(反锁|锁|关|困)在.{0,10}${ROOMS}|(被)?(关|锁|困)(在)?(里面|里头)(了)?.{0,4}出不来|(狗|猫)(仔)?(被)?(锁|关|困)(在)?.{0,8}车(里|内|度)|把(我|他|她|人|孩子|小孩|老人)(反锁|锁|关|困)(在)?(里面|里头|里边)`,
    ),
    safety: true,
  },
  // Not a restaurant's fumes (油烟, 炊烟) pouring in day after day: a standing nuisance, not a fire.
  {
    id: "fire",
    cue: /(?<![不没打])着火|(?<!挑)起火|失火|火灾了|冒(黑|白)?烟|浓烟|(好|很|特别)大的烟|(?<!油)烟(好|很|特别)大|进烟|烟往(上|里|屋里)(窜|冒|钻|灌)|(全|都)是烟(?!味|头|蒂)|(楼道|走廊|楼梯间?|屋里|房间|家里|厨房|门缝|电梯井|车库|地库)(里)?.{0,2}(有|在|冒|进)(了)?烟(?!味|头|蒂|感|花)|烟.{0,4}呛得|烧起来|(?<![发燃])烧起(?!来|码)|火苗|明火|(?<!电.{0,6})冒火(?!星|花)|往外(冒|窜|喷)火|燃起来|烧着了|火光|火很大|火(一直|还在)(烧|着)|关不掉.{0,6}火|(家|厨房|楼|车|屋|房子).{0,4}着了|(?<![油炊])烟.{0,6}冒出来|(?<![油炊])烟(一直|不停)?(涌|灌|窜)(上|进|入)来/,
    safety: true,
  },
  {
    id: "waterElectric",
    cue: /(电箱|配电(箱|房|柜|间)|电表箱?|插座|电闸|电梯井|开关|电线|电缆).{0,6}(进水|泡水|泡在水|被淹|淹了|冒水|全是水|灌水)|((水|雨).{0,3}(淹|漫|流|灌|淌|滴|漏)|淹)(到|进|着)?.{0,6}(电箱|配电|电表|插座|电梯井|吊灯|灯|开关)|(水|雨).{0,4}顺着.{0,6}(灯|电线|插座|开关)|水(里|中)(有电|带电)|(灯|插座|开关|电箱|电表)(里|里面|里头)?.{0,3}(也|都|在)?(滴水|进水|流水|漏水)/,
    safety: true,
  },
  {
    id: "electric",
    cue: /漏电(?!保护|开关)|触电|被电(到|了|哭|翻|倒|晕)|电(到|麻)了|腿都麻|电火花|冒火星|火星子|火星四溅|火花|打火|滋滋(响|声)?|噼啪|焦(糊)?味|(电线|电缆|线皮).{0,8}(冒火|(掉|跌)(了)?(下来|落|在地|地上|到地)|断了|垂下来|带电|烧起来|破皮|破了)/,
    context: /电|线|开关|插座|充电|配电/,
    safety: true,
  },
  {
    id: "collapse",
    cue: /(塌|坍塌|倒塌)了(?!个|一个)|塌下来|(要|快)塌了|在塌|(墙|坡|山|土|石头?|房子?|楼|架子?|棚)[^，。！？\s]{0,3}((在|正在)垮|垮(了|下来))|树.{0,3}倒(了|下来).{0,8}(压|砸)|(墙|围墙|脚手架|塔吊|棚|架子|广告牌|大树|房子?)(子)?.{0,3}倒了|越裂越(大|长)|裂缝越来越(大|宽|长)|(在|正在)掉(水泥|石)块|(正|在|正在)(往.{0,6})?(下)?倒(?!车|垃圾|水)|往外歪|(马上|眼看|眼看着)(就)?要(塌|掉|倒)|(就快|快要)(塌|跌)|垮下来|(在|正在)往下沉|裂缝.{0,4}(变大|变宽|变长|一下子大)|(树|墙|杆|架子|塔吊|广告牌).{0,8}(在|正在)往.{0,6}(倒|歪)|(在|正在)往一边(倒|歪)/,
    safety: true,
  },
  // A tree down on cars or people, told over clauses: 「大樟树倒了 压了两辆车」.
  { id: "collapse", cue: /树.{0,3}倒(了|下来)/, context: /压(了|到|着|住|坏)|砸(了|到|中|坏)/, safety: true },
  // Cracking that goes on, in a wall or a structure (a pump or an air conditioner that clicks is noise).
  { id: "collapse", cue: /咔咔(响|作响)/, context: /墙|梁|天花板|脚手架|塔吊|架子|阳台|雨棚|裂|塌|歪/, safety: true },
  {
    id: "falling",
    cue: /(正在|一直在?|不停(地|的)?)往下掉|(扔|掉|砸|抛|落|吹|刮)下来|砸(到|在)?.{0,3}(脚边|身边|旁边)|(跌|掉)(了)?.{0,6}在(我|他|她|人)?(脚边|身边|旁边)|往下(扔|掉|抛|砸)|砸(到|伤|中).{0,6}(人|车|头|我)|摇摇欲坠|(一直|还在|不停|又在|正在).{0,6}(扔|抛|砸)(?!烟头|垃圾|果皮|纸)[^\s，。！？]{1,4}下来|(栏杆|护栏).{0,8}(在摇|在晃|摇晃|晃动|摇摇|晃晃|松掉)|(楼上|上面|上头|上边).{0,4}(还|一直|又)(在|喺)?(度)?(往下)?(扔|抛|砸)|(掉|跌)(了)?(一|两|几)(块|片|个)下来|(一块块|一块一块|成块|几块).{0,4}(跌|掉)下来|砸(在|到|中)?(我|他|她|人)?头上|(?<!线)(吊|悬|挂)在半空|随时会掉|眼看要掉|(要|快)掉(下来)?了|(瓷砖|玻璃|窗户|窗框|框子|广告牌|招牌|树枝|外墙|铁皮|外机).{0,8}(掉下来|往下掉|砸下来|晃|松了|掉了(一|几|两)块)|(栏杆|护栏).{0,4}(松脱|甩)|有人(从|由)?(楼上|上面|高层|窗口|窗户)[^\s，。！？]{0,4}(扔|抛|砸)(?!烟头|垃圾|果皮|纸)[^\s，。！？]{0,4}下来/,
    safety: true,
  },
  {
    id: "medical",
    cue: new RegExp(
      `${PERSON}.{0,4}(摔|跌|滑)(了|倒|伤|下来)|摔倒了|跌倒了|滑倒了|(满身|浑身|一身|都是|全是)(是)?血|心脏病|(病|心梗|脑梗|中风|哮喘)(犯|发作)了?|躺着(一)?个人|喘不(上|过)气|呼吸困难|(嘴唇|脸)(色)?发紫|噎住|卡住喉咙|胸口(疼|痛)|(腿|胳膊|手臂|(?<!扶)手|头|脚).{0,4}(断了|骨折|全是血|出血|流血)|全是血|一身血|(在|直)流血|流了(好多|很多)血|受伤了|晕倒|昏倒|昏迷|不省人事|${PERSON}(?![点按摁刷发])(.{0,4})没(有)?(了)?(反应|意识)|没(有)?(了)?(呼吸|心跳|脉搏)|(脉搏|心跳).{0,3}摸不到|${PERSON}.{0,4}没气了|叫不醒|叫(他|她)?不应|倒地不(动|起)|突然倒地|${PERSON}.{0,10}不动了|心肺复苏|溺水|沉下去|抽搐|口吐白沫|中毒了|(打|叫|喊).{0,2}(120|救护车)`,
    ),
    safety: true,
  },
  { id: "medical", cue: /起不来|爬不起来|躺(在)?地上|喊疼|动不了/, context: /摔|跌|滑倒|晕|倒地|倒在|栽/, safety: true },
  // Knocking without an answer is a danger for someone who lives alone or was unwell, not for a tenant who will not open.
  {
    id: "medical",
    cue: /敲(门|窗).{0,6}(不理|反应|不开|没动静|没人应)/,
    context: /老人|独居|一个人住|老太|老头|大爷|大妈|奶奶|爷爷|几天没(见|出门|露面)|晕|倒|病|车里|车内|脸色|脸通红|趴/,
    safety: true,
  },
  {
    id: "animal",
    cue: new RegExp(
      `咬住|(在|正在)咬|把${PERSON}.{0,2}咬(了|伤)|咬了(一口|两个|好几个|人)|咬(了|伤)(一|两|三|好几|几)?(个|名|口)?(${PERSON.slice(1, -1)}|路人)|被.{0,6}(咬|蛰|蜇)(了|伤)|(蛰|蜇)(了|伤)|叮(了|伤)(一|两|三|好几|几)?(个|名)|(抓|挠)伤(了)?|一口咬|见人就(咬|扑)|追着.{0,4}咬|(在|正在|一直|还在)追(着)?(人|小孩|孩子|老人)|(这会儿|现在|正)追着.{0,2}${PERSON}|追着.{0,2}${PERSON}.{0,2}(跑|咬|扑)|扑(人|上来|倒)|疯狗`,
    ),
    context: /狗|犬|獒|猫|蛇|蜂/,
    safety: true,
  },
  // A snake come indoors or into a stairwell: 「楼道里有一条蛇!!」.
  {
    id: "animal",
    cue: /(楼道|走廊|屋|家|电梯|车库|地库|楼梯|大堂|厨房|卫生间|房间)(里|内)?.{0,4}(有|进了|入了|钻进)(一)?(条|只)?.{0,4}(?<!养[^，。！？\s]{0,3})蛇(?!皮|胆|年|.{0,4}(缸|笼|箱))/,
    safety: true,
  },
  {
    id: "burstPipe",
    cue: /爆管了|爆(了)?(水管|管子|暖气管)|(水管|管子|消防管|暖气管|暖气片|管道)(爆|暴|崩|炸)|(管|管道|管子|暖气片).{0,4}(爆了|暴了|崩了|崩开|爆裂|裂开|破裂|炸了|炸开)|(天花板|房顶|顶上|楼上).{0,12}(像|跟)下雨|(像|跟)下雨.{0,12}(天花板|房顶|顶上)|\bflood(ing|ed|s)?\b|喷得.{0,4}(到处|满屋|满地|一地)|水漫金山|(家里|楼道|地下室|车库|路|店).{0,4}(被)?(全)?淹了|(水管|管道|管子).{0,6}(喷水|喷出来)|水喷|往(外|上)(冒|喷)水|往外喷|水哗哗|哗哗往下|往下(冲|浇水)|(像|跟)(瀑布|喷泉|小河)|水.{0,3}灌进|水.{0,3}(在)?往里(灌|涌|冲)|(水|雨水).{0,3}涌(入|进)|(车库|地库|地下室|楼道|家里).{0,4}进水|没过(轮胎|膝盖|小腿|脚踝)|水涨得/,
    safety: false,
  },
];

// Names of things that contain a hazard word but are not a danger.
const THING_NAMES =
  /救命通道|生命通道|救命路|救命稻草|救命钱|消防通道|消防栓|消火栓|灭火器|漏电保护|燃气表|燃气费|燃气公司|燃气灶|燃气管道改造|烟感|防火门|火灾报警|跳楼价|防坠|防摔|起火点位|电梯维保|安全出口/g;

// Words that put a clause in the remembered mood, in a report of news, or in hyperbole (热得要着火).
const PAST_NEWS_HYPERBOLE = [
  /去年|前年|昨日|昨夜|上个?月|上周|上次|上回|上个?(礼拜|星期)|那次|以前|之前|曾经|(?<![晕昏跑走冲扑飞爬游跳翻滚倒摔敢不能我你他她别莫])过去|几年前|多年前|前几年|前几天|昨天|昨晚|前天|小时候/,
  // A dated account ("2018年10月弱电井起火", "3月5日晚") tells of an event, it does not call for help.
  /\d{4}年|\d{1,2}月\d{1,2}(日|号)|(今年|去年)\d{1,2}月/,
  /(困|着|发生|出|摔|伤|塌|烧|掉)过/,
  /\d+点\d+分|事件|事故|现象|案件|新闻|报道|听说|据说|群(内|里)|近期|刚发生|接二连三|司空见惯|又一个|视频|刷到|(?<![防盗铁丝护拦球渔])网上|抖音|朋友圈|的事(情)?|那(次|件)|那事/,
  /(热|吵|(?<![煤燃然天化汽瓦斯])气|笑|累|烦|饿|冷)(得|的|死)|累(晕|倒|瘫)|的心都有了|😂|🤣|哈哈|开玩笑|(?<!瀑布|喷泉|小河|下雨|跟我|和我|像我)(一样|似的)|(腿|脚)都(要|快)?(断|废|软)了|都(快)?要?塌了/,
];

// Words that always put a clause in the imagined, habitual, second-hand or preventive mood.
const FIRM_HEDGES = [
  ...PAST_NEWS_HYPERBOLE,
  // 要不是…就被咬了: what would have happened, had someone not stepped in.
  /要不是|要不然|一旦|万一|如果|假如|假设|若|要是|倘若|的话|哪天|真要|真(有人)?(着火|起火|困人|摔)|真(是|係|系)着火(?!了)|真的困人|否则|不然|迟早|早晚|会不会|容易|以防|以免|防止|避免|预防|杜绝|隐患|风险|后果不堪设想|不堪设想/,
  // 「有的业主…被保安打得头破血流」: what befell some of a group, told as a story, not one person now.
  /有的(业主|人|居民|住户|邻居)|经常|常常|老是|老往|老扔|总是|总(往|有人)|时常|时不时|有时|时有|年年|一到|屡次|频繁|动不动|三天两头|隔三差五|多次|多发|每年|每月|每个月|每天|天天|一天24小时|再次|次数/,
  /(又|会|将)要|肯定|一下雨|建议|(别|不要|莫|勿)把|希望|呼吁|要求|应该|应当|请求|能否|是否|别让|免得|小心|怎么(自救|处理)|自救|教(了|过)|演练|培训|知识/,
  /说要|扬言|将(会|被)?|(?<!刚)才|讹|碰瓷|千万别|时间问题|原因/,
  // Someone waiting upstairs for you is an errand, not a person shut in: 「地下室门锁了 老人在上面等我」.
  /(在|喺)(上面|上头|楼上)等(你|我|他|她|人)/,
  // Accounts of consequences and of conditions: a letter about what happens, not a call for help now.
  /导致|引起|引发|造成|致使|极易|易(受|摔|发|引|造|导|燃)|时$|的时候|情况|等问题|问题很多|故障|谁(来)?负责/,
  // A danger that did not happen, or is over: 还好没砸到人, 小朋友找到了.
  // 「冇人困住 不过要整」: no one is shut in, the fault still wants mending.
  /没(有)?(砸|伤|烧|着)|没(有)?人(被)?(困|关)(住|着)|还好|幸好|幸亏|找到了|没事了|虚惊|(还|暂时|目前)没(掉|塌|倒|断)/,
  // A warning of what would follow: 「会中毒的」, 「会着火」.
  // Not 会触电 beside a socket under water now (「插座泡水里 谁下去会触电 别下去」): a warning about a present danger.
  /会(中毒|着火|出事|出人命)/,
];

// Words of doubt that a cry for help overrides: "随时会掉 快拉警戒线" is happening now.
const SOFT_HEDGES = /可能|随时|担心|怕|恐|差点|险些/;
// Words of doubt that make a named hazard a possible danger rather than nothing: "会不会是漏气了".
const UNSURE =
  /好似|(?<!好)像(是)?.{0,2}(煤气|燃气|天然气|液化气|瓦斯)|一点点.{0,4}(味|气)|(有人|谁|大家).{0,4}闻到.{0,2}(吗|嘛|么|没)|可能|随时|担心|怕|恐|好像|似乎|貌似|疑似|感觉|是不是|会不会|不知道(是不是|是否)|隐约/;
// Firm hedges that still leave a present sign of danger worth a word of advice: asking whether it is dangerous.
const UNSURE_FIRM = /会不会/;
const CRY_FOR_HELP =
  /快来|赶紧|马上|快(啲|滴|点)(来|嚟|去|通知|叫|报|救|打|开)|快(拉|报警|打|叫|救)|帮忙打|谁.{0,4}帮|救命(?!通道|路|稻草|钱)|！！|!!|现在怎么办|怎么办啊|下面.{0,6}(有人|是人)|有人(走|经过)/;

// The writer says they are not sure it is happening (不确定, 唔肯定): at most a possible danger, whatever cries it quotes.
const NOT_SURE = /(不|唔|没)(太)?(肯定|确定)/;

// A petition to the authorities (尊敬的领导, 市长您好, 诉求, 恳请, 请有关部门…): a written complaint telling a history,
// a standing hazard or a demand. Someone in danger now calls for help; a petition that names a danger gets the
// advice as a possible danger, it does not page the sub-district.
const PETITION =
  /尊敬的.{0,10}(领导|书记|市长|县长|区长|局长|主任|部门)|(书记|市长|县长|区长|局长|领导)(：|:|，|,)?\s*(您|你)好|各位领导|诉求|恳请|特向|现向.{0,10}反映|望(领导|政府|相关部门)|请(政府|领导|相关部门|有关部门)/;
// Unless the writer calls for help now in the same message: 「请有关部门管管 电梯困人了 我在里面 快来」.
const CALLING_NOW = /快来|救命(?!通道|路|稻草|钱)|快(啲|滴|点)?(来|嚟|报警|叫|救)|(赶紧|马上|立即|立刻)(来|报警|叫|救|处理|派人)/;
// A petition is written as a letter: every one in the letters' train split runs to 63 characters or more, while 99 in
// 100 chat lines are shorter than 60. A chat-length line naming a danger beside 请有关部门 is someone asking for help
// now: 「请相关部门注意 2号楼楼道着火了 烟很大」.
const PETITION_MIN_LENGTH = 60;
const petition = (read: string) => read.length >= PETITION_MIN_LENGTH && PETITION.test(read) && !CALLING_NOW.test(read);

// Hearsay anywhere in a message makes all of it hearsay: "刷到个视频 有人在电梯里晕倒".
const HEARSAY = /视频|刷到|新闻|报道|听说|据说|(?<![防盗铁丝护拦球渔])网上|抖音/;

// A message that as a whole asks, suggests, prepares, buys, claims damages or laughs does not call for help,
// whichever clause names the hazard: "请问 电梯困人了打哪个电话", "建议楼顶门锁上 老有小孩上去玩 掉下来可了不得",
// "电梯困人了打哪个电话 我存一下 以防万一", "一氧化碳报警器哪里能买", "东西掉下来把车砸了 找谁赔", "见人就扑 凶得跟要吃人一样😂".
const NOT_A_CALL =
  /^(@\S+\s*)?(嗯\s*)?(那个\s*)?建议|(试|测)(了|过)一下|(哪|边度|哪里|哪儿|医院).{0,4}(打(针|疫苗)|狂犬)|请问(?!(我|我们)?(应该|该)?怎么办(?!理)|谁.{0,4}(帮|来|救)|有没有人(见到|看到|看见))|问下|问一下|请教|想问|以防万一|科普|普及一下|(提前|事先)(搞|了解|问|准备|知道)|团购|(哪|哪里|哪儿|去哪)(能|可以)?(买|有卖)|谁赔|找谁赔|赔(偿|钱|款|两|几|多少)|要我赔|😂|🤣|哈哈|绝绝子/;

// Talk of self-harm as a figure of speech or as a worry: "被吵得想跳楼", "想跳楼的心都有了", "万一有人想不开呢".
const SELF_HARM_ASIDE = /的心都有了|被.{0,6}(吵|烦|气)|(吵|烦|嘈)(得|的|死|到)|万一|建议|防止|以防|预防|提醒|别在/;

// Plaster, dust and shaken bedding coming down are a nuisance, not a falling object (墙皮往下掉, 抖床单).
const HARMLESS_FALLING = /墙皮|白灰|灰尘|渣|床单|头发|(楼梯级?|台阶|地面|地上|地板)[^，。！？\s]{0,5}砖/;

// A danger already over anywhere in the message: "刚才孩子走丢了 现在找到了", "困了一下 人都出来了",
// "燃气公司来了 已经弄好了 大家放心", "电工来给修好了".
const OVER =
  /找到了|没事了|没事没事|已经没事|(?<=^|[\s，。！,.!])没事(?=[\s，。！,.!]|$)|(?<![说讲问])没事[啦喇嘞]?$|说没事|(人|孩子|孩儿|娃|都)没事(?!吧|吗)|没什么事了|没问题了|虚惊|(?<![没不])(弄|救|放|走)出来了|(?<![没不])(劝|救|抱)(了)?(下来|回来|进来)了|被.{0,6}拉(了)?(下来|回来|进来)了|人都出来了|自己又好了|已经好了|大家(都)?放心|没人(受)?伤(着|到)?(?!吗|吧|没)|(警察|民警|消防|救护车|燃气公司).{0,6}(来了|到了).{0,8}(带走|弄好|处理好|修好|没事)|(来|已经).{0,6}(给)?(修|弄|处理|换|关)好了|(扑|浇)灭|灭掉了|无人受伤|没漏|已经查(了|过)|来看过/;

// A claim that it is over which the writer denies: 「狗主人说没事 不是没事啊」.
const OVER_DENIED = /(不是|哪(里|儿)?|怎么(会|能)?|根本不是)没事/;
const CLAIMED_OVER = /(说|讲|以为|觉得)?没事(了)?/g;
// Saying it is no joke is no hyperbole: 「不是开玩笑 我爷爷卡电梯里了」.
const NOT_JOKING = /(不是|没|没有|没在|不)(跟你们?|和你们?|同你们?)?(开|说)?(玩笑|笑话)/g;
// Shape and sound slips of the lift the rules would not read (五笔 电涕, handwriting 电悌); the models read the text as written.
const LIFT_SLIPS = /电[涕悌]/g;
// 燃起 for 燃气 before a leak (「燃起漏了」), not 燃起来; 「燃起味儿 打哪个电话」 asks, it stays as typed.
const GAS_SLIPS = /[燃然]起(?=漏|泄)|媒气/g;

/** The text as the rules read it: Cantonese folded, names of things and denials blanked, slips mended. */
function forRules(text: string): string {
  const folded = cantoneseForRules(text).replace(LIFT_SLIPS, "电梯").replace(GAS_SLIPS, "燃气").replace(NOT_JOKING, "□");
  const overDenied = OVER_DENIED.test(folded) ? folded.replace(OVER_DENIED, "□").replace(CLAIMED_OVER, "□") : folded;
  return overDenied.replace(THING_NAMES, "□");
}

// Smoking is not a fire: "有人在电梯里抽烟 整个轿厢都是烟味".
const SMOKING = /抽烟|吸烟|食烟|烟味|烟头|烟蒂|二手烟/;

const CLAUSE_BREAK = /[，。！？；,.!?;\n…]+|\s+/;

// Someone locked in, told over several clauses: "钥匙锁屋里了 孩子还在里面", "储藏间门从外面锁上了 里面有人在喊".
// Only the past, news, a conditional or a suggestion puts these out of the present.
const ACROSS_CLAUSES = [
  new RegExp(`(锁|落)(在)?(屋|家|房)里.{0,16}(${CHILD.slice(1, -1)}|老人|老伴|我爸|我妈).{0,10}(在)?(屋里|家里|里面|里头)`),
  /(门|储藏(室|间)|杂物间|地下室|仓库|设备间).{0,10}(从外面)?(锁上|反锁|锁住)了?.{0,10}(里面|里头)有人/,
];
const ACROSS_CLAUSES_HEDGES = [...PAST_NEWS_HYPERBOLE, /如果|万一|要是|假如|建议|以防|免得|怎么办才好/];

// Plain emergencies typed in bits, read over the whole line with its spaces gone (the thirteenth round's writers:
// 「楼顶 有人 要跳 3号楼 快」, 「打架 小广场 见血了」, 「有人倒在地下车库 不说话」, 「爆管 1栋门口 哗哗的」). Each names
// the person or the thing, so 「倒垃圾 物业没反应」 or 「要跳广场舞」 is none of them.
const DOWN_BEING = "(有人|有个人|一个人|老人|老头|老太|大爷|大妈|阿姨|小孩|孩子|男的|女的|保安|工人|师傅)";
const PLAIN_EMERGENCIES: readonly { hazard: HazardId; safety: boolean; cue: RegExp }[] = [
  {
    hazard: "ledge",
    safety: true,
    cue: /(楼顶|天台|屋顶|房顶|阳台|窗台|窗户|栏杆|护栏|边边|边上).{0,12}(有人|有个人|有一个人|一个人).{0,12}要跳(?![舞绳操远高水])|有人.{0,10}(楼顶|天台|屋顶|房顶).{0,10}要跳(?![舞绳操远高水])/,
  },
  { hazard: "violence", safety: true, cue: /打架.{0,12}(见血|见红|流血|出血|血(都)?出来)|(见血|流血|出血|血(都)?出来).{0,10}打架|围殴|群殴|(在|正在)殴打/ },
  {
    hazard: "medical",
    safety: true,
    cue: new RegExp(`${DOWN_BEING}(晕)?(倒|躺|晕)(在|倒|了)?.{0,10}(不说话|不动了|不动弹|叫不醒|喊不醒|叫不应|喊不应|没反应|没有反应|没知觉|不省人事)`),
  },
  { hazard: "burstPipe", safety: false, cue: /爆管.{0,6}(哗哗|喷|到处是水|一直(在)?(流|冒)|冒水)/ },
];

// A question what to do if it happened (「有人站楼顶要跳 是该打110还是119」) asks, it does not report.
const ASKING_WHAT_TO_DO = /该打|打哪个|哪个电话|怎么办/;

function plainEmergency(cleaned: string, crying: boolean): Danger | null {
  const compact = cleaned.replace(/\s+/g, "");
  if (ASKING_WHAT_TO_DO.test(compact)) return null;
  for (const { hazard, safety, cue } of PLAIN_EMERGENCIES) {
    if (!cue.test(compact)) continue;
    const mood = moodOf({ id: hazard, cue, safety }, compact, crying);
    if (mood) return { hazard, safety, tier: mood };
  }
  return null;
}

// Someone shut in anywhere (a roof, a stairwell, a store room, a cold store, a classroom, a car), told in
// any order: a door that has shut or will not open, and a person behind it. A pet counts only in a car.
const SHUT_IN_BEING = `(${PERSON.slice(1, -1)}|${CHILD.slice(1, -1)}|BB|bb|细崽|细囝|细路|细路仔|小囡|囡囡|婆婆|阿婆|老婆婆|奶奶|爷爷|老伴|阿伯|老伯伯?|老大爷|好婆|老先生|老人家|老汉|公公|孕妇|学生|初中生|同事|快递员|电工|保洁|清洁工|保安|老师)`;
// Someone named, not 「有人」 doing something somewhere (「有人在楼顶搭了个鸽子棚」).
const NAMED_BEING = SHUT_IN_BEING.replace("(有人|人|", "(").replace("|他|她|", "|");
const INSIDE = "(里面|里头|里边|里向|里厢|入面|屋头|天台上|楼顶上|楼梯里|楼梯间)";
const CLOSED_ROOM = "(储藏室|储藏间|储物间|地下室|仓库|杂物间|设备间|锅炉房|配电房|水泵房|泵房|冷库|卫生间|厕所|浴室|阳台|天台|楼顶|健身房|教室|机房)";
const SMALL_OR_OLD = `(${CHILD.slice(1, -1)}|孩儿|BB|细崽|小囡|老人|老太太|老爷子|奶奶|爷爷|婆婆|阿婆)`;
// 上面/上头 alone only means upstairs: it is a shut-in when the person cannot come down or is shut up there.
const UP_THERE = "(上面|上头)";
const CANNOT_LEAVE = "(下不来|下不去|下勿来|出不去|出不来|出勿来)";
const SHUT_SIGN =
  /(门|锁|卷帘|挂锁|插销|锁芯|门把手?).{0,8}(关|锁|插|扣|碰|带|吹|刮|拍|卡|落|放|掉|甩)(上|了|住|死|牢|起|咗|脱|下来)|打不开|开不了|开不开|拉不开|推不开|推勿开|扭不开|转不动|撬不开|踹不开|扭唔开|打唔开|开唔到|开勿开|出不来|出不去|出勿来|出唔到|出唔返|出唔嚟|下不去|下不来|下勿来|(窗|车).{0,4}(关死|关紧|关得紧|全关|关着|锁着|锁住|锁起|一点缝)|反锁|(电梯|轿厢).{0,8}(停电|不动了|卡住|卡在)|停电.{0,8}(电梯|轿厢)/;
const BEING_INSIDE = [
  new RegExp(`${SHUT_IN_BEING}(还|一个人|自己|都|也|全|就)?(被)?(在|喺|关在|锁在|困在|关到|困咗在|关|锁|困|反锁)(了|咗|牢|着|起)?.{0,2}${INSIDE}`),
  new RegExp(`${INSIDE}(还)?(有|关着|锁着|困着|关了|锁了|关牢|关住)(了)?(个|一个|一只|只|条|位|两个|几个|\\d+个)?.{0,8}${SHUT_IN_BEING}`),
  new RegExp(`${SHUT_IN_BEING}.{0,6}(被|让|给)?(反锁|关|锁|困)(在|到|咗喺|喺|进|了在|咗在)`),
  new RegExp(`${SHUT_IN_BEING}(还|一个人|自己|都|也)?(在|喺)${UP_THERE}.{0,4}${CANNOT_LEAVE}`),
  /(车|车子)(里|内|入面|里头|里面).{0,6}(有|关|锁|困)(着|了|住|咗)?(个|一个|只|一只|条|一条)?.{0,4}(小孩|孩子|娃|宝宝|BB|细崽|细囝|细路|小囡|狗|猫)/,
  // Someone in a room that shuts them off (a store room, a bathroom, a balcony, a roof), the door stuck: 「我在地下室的储藏室」.
  new RegExp(`${NAMED_BEING}(还|一个人|自己)?(被)?(在|喺|关在|锁在|困在)[^，。！？]{0,8}${CLOSED_ROOM}`),
  // Sign word order, no verb: 「老爷爷 里面 出不来」; at home and cannot get out: 「我和baby在家里出不去」.
  new RegExp(`${SHUT_IN_BEING}(在)?${INSIDE}.{0,2}${CANNOT_LEAVE}`),
  new RegExp(`${NAMED_BEING}.{0,8}在(家|屋|房间|卧室)(里|内|里面|里头)?.{0,2}(出不去|出不来|出勿来)`),
  // A child or an elder locked in, the being named anywhere before: 「闺女在卧室门锁坏了反锁里头」 (not a key: 「钥匙锁里面了」).
  new RegExp(`${SMALL_OR_OLD}[^]{0,20}(?<!钥匙.{0,2})(反锁|锁|关|困)(了|着|住)?(在)?${INSIDE}`),
  // Someone in a lift with no power or stuck: 「电梯里有人 停电了」 (not 「电梯里有人吗」 nor someone smoking in it).
  new RegExp(`(电梯|梯|轿厢)(里|内)(面|头|边)?(还)?有(个|一个|两个|三个|几个)?${SHUT_IN_BEING}(?!吗|么|没|不|抽烟|吸烟|食烟)`),
];
// Asking how to open it is not a call for help.
const SHUT_IN_HEDGES_BASE = [...ACROSS_CLAUSES_HEDGES, /怎么(开|办才好)|应该|怎么弄|咋弄/];
// A lock to mend or someone waiting is the ordinary matter it says: 「找个师傅修一下」, 「在上面等我」.
const SHUT_IN_HEDGES = [...SHUT_IN_HEDGES_BASE, /修一下|来修|修修|找(个)?(师傅|人)(来)?修|(在|喺)(里面|里头|上面|上头)等(你|我|他|她|人|着)/];

// A child, or an elder who does not know the way home, gone: looked for and not found, not home when due.
const GONE_ONE = `(${CHILD.slice(1, -1)}|外甥女?|侄(子|女|儿)|女童|男童|幼童|孙仔|孙|伢|细伢|细崽|细囝|细路|细佬|小囡|囡囡|幺儿|丫头|小丫头|妮儿|小姑娘|小妹妹|弟弟|妹妹|双胞胎|尕娃|个女|个仔)`;
const CONFUSED_ELDER = /痴呆|糊涂|记性(不好|差)|认不(到|得)路|脑子不(清楚|好)/;
const GONE =
  "(找不着|找不到|寻不着|搵唔到|不见|唔见|勿见|没影|冇咗|无了|走丢|走散|走失|跑丢|跟丢|跑没影|没(有)?回(来|家|屋)|莫回来|冇回来|无回(来|家|屋)|冇返|没返|没到屋|没到家|没进家门|没回(?![复信话消电应我你他她])|没找着|(人|就|咋|一下)没了|找遍了)";
// The gap stays inside one clause: 「孩子发烧了 物业没回电话」 is two matters.
const CHILD_GONE = new RegExp(`${GONE_ONE}[^的，。！？,.!?\\s]{0,14}${GONE}|${GONE_ONE}(就|一下|突然)?没了(?!吗|奶|水|电)`);
const ELDER_GONE = new RegExp(`(老人|老爷子|老太太|奶奶|爷爷|婆婆|外婆|外公|公公|老爹|老汉|我爸|我妈|老伴)[^，。！？,.!?]{0,20}${GONE}`);
const GONE_HEDGES = [...ACROSS_CLAUSES_HEDGES, /应该先|能不能|防走失|怎么找|(玩具|手机|钥匙|快递|车|书包|作业|鞋|衣服)[^，。！？\s]{0,4}(不见|丢|找不|没了)/];

// Not home from school, the child named anywhere, by a word or by a young age: 「放学无回来 七岁男孩」.
const NOT_BACK_FROM_SCHOOL = new RegExp(`放学.{0,6}${GONE}`);
const A_CHILD = new RegExp(`${GONE_ONE}|(\\d{1,2}|[一两二三四五六七八九十]{1,2})(岁|周岁)`);

// A confused elder who went out alone (「老年痴呆 刚刚开门跑出去」); a child taken by someone not the family.
const WANDERED_OFF = /(跑|走)出(去|门)了?|自己出去了/;
const CHILD_TAKEN = new RegExp(`${GONE_ONE}.{0,8}(被|遭|让)(人|陌生人|别人|不认识的人)?(接|抱|带|领)走了?`);
const NOT_FAMILY = /不是(我|我们)(家|家里)?(的)?(人|接)|不认识|陌生人/;

// Asking who has seen a child who is gone, over clauses: 「有冇人见到个细路女 三岁 … 喺3栋楼下唔见咗半个钟」.
const SEEN_ASKED = /(有没有|有木有|有没)人?(见到|看到|看见|见过|见)|谁(见到|看到|看见|见过)/;
const CHILD_NAMED = new RegExp(GONE_ONE);
const GONE_ANYWHERE = new RegExp(`${GONE}|在找`);

function childGone(cleaned: string): boolean {
  if (GONE_HEDGES.some((hedge) => hedge.test(cleaned))) return false;
  return (
    (SEEN_ASKED.test(cleaned) && CHILD_NAMED.test(cleaned) && GONE_ANYWHERE.test(cleaned)) ||
    CHILD_GONE.test(cleaned) ||
    (CONFUSED_ELDER.test(cleaned) && (ELDER_GONE.test(cleaned) || WANDERED_OFF.test(cleaned))) ||
    (CHILD_TAKEN.test(cleaned) && NOT_FAMILY.test(cleaned)) ||
    (NOT_BACK_FROM_SCHOOL.test(cleaned) && A_CHILD.test(cleaned))
  );
}

// A small child who locked a door from inside and cannot open it: 「小孩自己把浴室门锁起来 才3岁」.
const LOCKED_THEMSELVES = /把.{0,6}门(反)?锁(上|起来|住|了|死)/;
const A_SMALL_CHILD = new RegExp(`${CHILD}|(?<!\\d)[1-6一两二三四五六](岁|周岁)`);
const LOCKED_THEMSELVES_HEDGES = [...SHUT_IN_HEDGES_BASE, /经常|老是|总是|老把|总把|出门|走的时候|离开/];

function childLockedIn(cleaned: string): boolean {
  return LOCKED_THEMSELVES.test(cleaned) && A_SMALL_CHILD.test(cleaned) && !LOCKED_THEMSELVES_HEDGES.some((hedge) => hedge.test(cleaned));
}

/** Someone shut in behind a door that will not open, told anywhere in the message (spaces between words dropped). */
function shutIn(cleaned: string): boolean {
  const compact = cleaned.replace(/\s+/g, "");
  return SHUT_SIGN.test(compact) && BEING_INSIDE.some((cue) => cue.test(compact)) && !SHUT_IN_HEDGES.some((hedge) => hedge.test(compact));
}

// A line typed word by word with spaces (「电梯 坏了 人 里面 有」) is one clause, not a dozen.
function readAsOne(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length >= 5 && words.filter((word) => word.length <= 2).length >= words.length * 0.6 ? text.replace(/\s+/g, "") : text;
}

/** Red: happening now. Possible: a hazard and a sign of it, put with doubt ("好像有煤气味 不确定"). */
export type DangerTier = "red" | "possible";

export interface Urgency {
  hazard: HazardId;
  /** Whether the ticket is a safety matter (安全隐患) whatever the category model says. */
  safety: boolean;
}

export interface Danger extends Urgency {
  tier: DangerTier;
}

/** How a clause that says a hazard is happening is put: as said, with doubt, or not as happening at all. */
function moodOf(hazard: Hazard, clause: string, crying: boolean): DangerTier | null {
  if (hazard.takenAsSaid) return PAST_NEWS_HYPERBOLE.some((hedge) => hedge.test(clause)) || SELF_HARM_ASIDE.test(clause) ? null : "red";
  const firm = FIRM_HEDGES.filter((hedge) => hedge.test(clause));
  if (firm.length) {
    // Only "会不会…" among the firm hedges: the writer asks whether a present sign is a danger.
    const onlyAsking = firm.every((hedge) => hedge.test(clause.replace(UNSURE_FIRM, "")) === false);
    return onlyAsking && !PAST_NEWS_HYPERBOLE.some((hedge) => hedge.test(clause)) ? "possible" : null;
  }
  if (SOFT_HEDGES.test(clause) || UNSURE.test(clause)) return crying ? "red" : "possible";
  return "red";
}

/**
 * The danger the text reports: red when it is happening now, possible when a hazard and its sign are put
 * with doubt; null for names of things, the past, news, hyperbole, prevention and suggestions.
 */
export function detectDanger(text: string): Danger | null {
  const danger = dangerAsSaid(text);
  const read = forRules(text);
  return danger?.tier === "red" && (NOT_SURE.test(read) || petition(read)) ? { ...danger, tier: "possible" } : danger;
}

function dangerAsSaid(text: string): Danger | null {
  const cleaned = readAsOne(withoutDenials(forRules(text)));
  if (HEARSAY.test(cleaned) || OVER.test(cleaned) || NOT_A_CALL.test(cleaned)) return null;
  const selfHarmAside = SELF_HARM_ASIDE.test(cleaned);
  const crying = CRY_FOR_HELP.test(cleaned);
  const clauses = cleaned.split(CLAUSE_BREAK).filter(Boolean);
  let possible: Danger | null = null;
  for (const hazard of HAZARDS) {
    if (hazard.context && !hazard.context.test(cleaned)) continue;
    for (const clause of clauses) {
      if (!hazard.cue.test(clause)) continue;
      if (hazard.id === "fire" && SMOKING.test(clause)) continue;
      if (hazard.id === "falling" && HARMLESS_FALLING.test(clause)) continue;
      if (hazard.takenAsSaid && selfHarmAside) continue;
      const mood = moodOf(hazard, clause, crying);
      if (mood === "red") return { hazard: hazard.id, safety: hazard.safety, tier: "red" };
      if (mood === "possible" && UNSURE.test(clause)) possible ??= { hazard: hazard.id, safety: hazard.safety, tier: "possible" };
    }
  }
  if (!possible && ACROSS_CLAUSES.some((cue) => cue.test(cleaned)) && !ACROSS_CLAUSES_HEDGES.some((hedge) => hedge.test(cleaned))) {
    return { hazard: "lockedIn", safety: true, tier: "red" };
  }
  if (!possible && childGone(cleaned)) return { hazard: "child", safety: true, tier: "red" };
  if (!possible && childLockedIn(cleaned)) return { hazard: "lockedIn", safety: true, tier: "red" };
  if (!possible && shutIn(cleaned)) return { hazard: /电梯|轿厢|升降梯|货梯/.test(cleaned) ? "lift" : "lockedIn", safety: true, tier: "red" };
  return possible ?? plainEmergency(cleaned, crying);
}

/**
 * Whether the text puts what it says out of the present: hearsay, a danger over, or a firm hedge (past,
 * conditional, suggestion, habit…). The urgency model's red is not taken on such a line.
 */
export function isHedged(text: string): boolean {
  const cleaned = forRules(text);
  return (
    HEARSAY.test(cleaned) ||
    OVER.test(cleaned) ||
    NOT_A_CALL.test(cleaned) ||
    NOT_SURE.test(cleaned) ||
    petition(cleaned) ||
    FIRM_HEDGES.some((hedge) => hedge.test(cleaned))
  );
}

/** Whether a hazard makes the ticket a safety matter (安全隐患) whatever the category model says. */
export function isSafetyHazard(id: HazardId): boolean {
  return HAZARDS.find((hazard) => hazard.id === id)?.safety ?? true;
}

/** The danger happening now that the text reports, or null. */
export function detectUrgency(text: string): Urgency | null {
  const danger = detectDanger(text);
  return danger?.tier === "red" ? { hazard: danger.hazard, safety: danger.safety } : null;
}
