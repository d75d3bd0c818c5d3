import { Refusal } from "../../domain/refusal.ts";
import type { CommandHandlers } from "../commands.ts";
import { setRole } from "./admin.ts";
import * as texts from "./texts.ts";

/** 绑定 and 设为: their words, grammar and rules are in bot/commands.ts. */
export const GROUP_HANDLERS: CommandHandlers<"bind" | "setRole"> = {
  // An unbound chat is bound before it has a group (see handleMessage); a bound one is told where it belongs.
  bind: {
    run: (_tx, ctx) => Promise.reject(new Refusal(texts.alreadyBound(ctx.units.get(ctx.group.unitId)?.name ?? ctx.group.unitId))),
  },
  setRole: { run: (tx, ctx, command) => setRole(tx, ctx, ctx.message, command.target, command.role) },
};
