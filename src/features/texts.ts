import type { HelpSection } from "../bot/commands.ts";

/** The sentences of the message door itself: help, apologies, senders the bot does not know yet. */

export const APOLOGY = "抱歉，系统刚才出了点问题，请稍后再发一次。";
export const PRIVATE_UNKNOWN = "您好！我还不知道您住在哪个小区。请先在所在小区的议事群里 @我 说一句话，或请网格员把您加入小区，之后就可以在这里私信反映问题。";

export const helpIntro = (botName: string) => [`我是${botName}，@我 说出问题就能登记工单，例如：`, `「@${botName} 3号楼2单元楼道灯不亮」`];

/** The help text's lines, in order; staff sections are shown to staff only. */
export const HELP_SECTIONS: readonly { section: HelpSection; title: string; staffOnly: boolean }[] = [
  { section: "residents", title: "居民可用", staffOnly: false },
  { section: "meetings", title: "议事会", staffOnly: false },
  { section: "staff", title: "工作人员", staffOnly: true },
  { section: "organising", title: "组织议事", staffOnly: true },
  { section: "admin", title: "群管理", staffOnly: true },
];

export const suggestion = (command: string) => `您是想「${command}」吗？确认的话请照这样再发一次。`;

export const GREETING = "您好！有问题 @我 直接说，例如「3号楼2单元楼道灯不亮」；发「帮助」看能做什么。";

export const THANKS = "不客气，有事随时 @我。";
