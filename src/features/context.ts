import type { Category } from "../bot/taxonomy.ts";
import type { Models } from "../bot/classifier/models.ts";
import type { ReportDraft } from "../bot/understand.ts";
import type { IncomingMessage } from "../messaging/types.ts";
import type { Policy } from "../domain/policy.ts";
import type { Authority } from "../domain/permissions.ts";
import { STAFF_ROLES, type Role } from "../domain/types.ts";
import type { UnitTree } from "../domain/units.ts";
import type { Database, Tx } from "../store/database.ts";
import { loadUnitTree, membershipsOf, type GroupRecord, type MemberRecord } from "../store/org.ts";
import { categoryName } from "../bot/taxonomy.ts";
import type { TextContext } from "./tickets/texts.ts";

/** Settings every use case reads. */
export interface ServiceSettings {
  zone: string;
  botName: string;
  categories: readonly Category[];
  /** The models messages are read with (bundled, or a deployment's retrained ones: MODEL_DIR). */
  models: Models;
  policy: Policy;
  /** "platform:userId" of the operators allowed to bind chats (BIND_OPERATORS). */
  operators: ReadonlySet<string>;
  meetings: {
    /** Default reminder lead times, in minutes before a meeting. */
    reminderOffsetsMinutes: number[];
    /** How many days ahead a recurring meeting is created and announced. */
    leadDays: number;
    /** Where people reach the bot's calendar links. */
    publicBaseUrl: string;
    /** How long before a meeting starts 签到 opens (决议 and 公示 wait for the start); 30 when unset. */
    checkInOpensMinutes?: number;
  };
}

/** What every use case works with, message or job: settings, the instant, the unit tree, wording helpers. */
export interface ServiceScope {
  settings: ServiceSettings;
  now: Date;
  units: UnitTree;
  text: TextContext;
}

export function serviceScope(settings: ServiceSettings, now: Date, units: UnitTree): ServiceScope {
  return { settings, now, units, text: textContext(settings, now) };
}

export async function loadServiceScope(client: Database, settings: ServiceSettings, now: Date): Promise<ServiceScope> {
  return serviceScope(settings, now, await loadUnitTree(client));
}

function textContext(settings: ServiceSettings, now: Date): TextContext {
  return { zone: settings.zone, now, categoryName: (id) => categoryName(settings.categories, id) };
}

/** One message's world: who said it, where, and what they may do. */
export interface MessageContext extends ServiceScope {
  group: GroupRecord;
  member: MemberRecord;
  role: Role;
  authority: Authority;
  /** The message as the platform delivered it (mentions, platform user ids). */
  message: IncomingMessage;
  /** Reads other words (a follower's, stored) as a report would be read; null when they describe no matter. */
  readReport: (text: string) => ReportDraft | null;
}

export async function loadMessageContext(
  tx: Tx,
  settings: ServiceSettings,
  group: GroupRecord,
  member: MemberRecord,
  role: Role,
  now: Date,
  message: IncomingMessage,
  readReport: MessageContext["readReport"],
): Promise<MessageContext> {
  const [units, memberships] = await Promise.all([loadUnitTree(tx), membershipsOf(tx, member.id)]);
  const authority: Authority = {
    memberId: member.id,
    staffUnitIds: new Set(memberships.filter((m) => STAFF_ROLES.has(m.role)).map((m) => m.unitId)),
    memberUnitIds: new Set(memberships.map((m) => m.unitId)),
  };
  return {
    settings,
    now,
    group,
    member,
    role,
    authority,
    units,
    text: textContext(settings, now),
    message,
    readReport,
  };
}
