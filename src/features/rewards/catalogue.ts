import { z } from "zod";
import { inTransaction, type Database } from "../../store/database.ts";
import {
  findRewardItem,
  insertRewardItem,
  recordItemChange,
  retireRewardItem,
  updateRewardItem,
  type RewardItemFields,
  type RewardItemRecord,
} from "../../store/rewards.ts";
import * as texts from "./texts.ts";

/**
 * The catalogue kept by staff (in the console): add, edit, retire, each with an entry in the item's history
 * (who, when, what). Who may change a unit's catalogue is the caller's check (the console's viewer).
 */

const when = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .nullable();

const fieldsShape = {
  name: z.string().trim().min(1).max(40),
  price: z.number().int().min(1).max(100_000),
  stock: z.number().int().min(0).max(100_000),
  monthlyLimit: z.number().int().min(1).max(100).nullable(),
  activeFrom: when,
  activeUntil: when,
  partner: z
    .string()
    .trim()
    .max(40)
    .nullable()
    .transform((value) => value || null),
  /** The member who hands it over (a partner shop's owner): a member of a group of the item's unit or below. */
  handOverMemberId: z.string().trim().min(1).max(64).nullable(),
  collectDays: z.number().int().min(1).max(90),
};

const periodInOrder = (fields: { activeFrom?: Date | null | undefined; activeUntil?: Date | null | undefined }) =>
  !fields.activeFrom || !fields.activeUntil || fields.activeUntil.getTime() > fields.activeFrom.getTime();
const PERIOD_ORDER = { message: "activeUntil must be after activeFrom", path: ["activeUntil"] };

export const newItemSchema = z
  .strictObject({
    unitId: z.string().min(1).max(64),
    ...fieldsShape,
    monthlyLimit: fieldsShape.monthlyLimit.default(null),
    activeFrom: when.default(null),
    activeUntil: when.default(null),
    partner: fieldsShape.partner.default(null),
    handOverMemberId: fieldsShape.handOverMemberId.default(null),
    collectDays: fieldsShape.collectDays.default(7),
  })
  .refine(periodInOrder, PERIOD_ORDER);
export const itemPatchSchema = z
  .strictObject(fieldsShape)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" })
  .refine(periodInOrder, PERIOD_ORDER);

export type NewItem = z.infer<typeof newItemSchema>;
export type ItemPatch = z.infer<typeof itemPatchSchema>;

export async function addItem(
  db: Database,
  memberId: string,
  item: Omit<NewItem, "handOverMemberId"> & Partial<Pick<NewItem, "handOverMemberId">>,
  now: Date,
): Promise<RewardItemRecord> {
  const { unitId, ...rest } = item;
  const fields = { ...rest, handOverMemberId: rest.handOverMemberId ?? null };
  return inTransaction(db, async (tx) => {
    const added = await insertRewardItem(tx, unitId, fields, now);
    await recordItemChange(tx, { itemId: added.id, memberId, action: "added", detail: texts.CHANGE_ADDED, at: now });
    return added;
  });
}

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

export type EditOutcome =
  { kind: "edited"; item: RewardItemRecord } | { kind: "unchanged"; item: RewardItemRecord } | { kind: "notFound" } | { kind: "retired" };

/** Changes an item (not a retired one); the history names the fields that changed, and the period stays in order. */
export async function editItem(db: Database, memberId: string, itemId: number, patch: ItemPatch, now: Date): Promise<EditOutcome | { kind: "invalid" }> {
  return inTransaction(db, async (tx) => {
    const item = await findRewardItem(tx, itemId);
    if (!item) return { kind: "notFound" };
    if (item.retiredAt) return { kind: "retired" };
    const changed = (Object.keys(patch) as (keyof RewardItemFields)[]).filter((key) => !same(patch[key], item[key]));
    if (!changed.length) return { kind: "unchanged", item };
    const next = { ...item, ...patch };
    if (!periodInOrder(next)) return { kind: "invalid" };
    const fields = Object.fromEntries(changed.map((key) => [key, patch[key]])) as Partial<RewardItemFields>;
    await updateRewardItem(tx, itemId, fields, now);
    await recordItemChange(tx, {
      itemId,
      memberId,
      action: "edited",
      detail: texts.changeEdited(changed.map((key) => texts.FIELD_NAMES[key] ?? key)),
      at: now,
    });
    return { kind: "edited", item: (await findRewardItem(tx, itemId))! };
  });
}

/** Retires an item: no new orders; open ones can still be collected or cancelled. False when already retired. */
export async function retireItem(db: Database, memberId: string, itemId: number, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    if (!(await retireRewardItem(tx, itemId, now))) return false;
    await recordItemChange(tx, { itemId, memberId, action: "retired", detail: texts.CHANGE_RETIRED, at: now });
    return true;
  });
}
