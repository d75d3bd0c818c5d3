import type { z } from "zod";
import { readSettings, settingsConflict } from "../configFields.ts";

/**
 * A platform's own environment variables, declared in its folder (settings.ts) and composed by config.ts:
 * each variable validated with a Chinese message (the error names the variable, never its value), then the
 * cross-checks between them.
 */
export interface PlatformSettings<Settings extends object> {
  /** Reads the variables that are set; throws ConfigError naming the first bad variable, or the ones that do not fit together. */
  read(present: Record<string, string>): ReadSettings<Settings>;
}

export interface ReadSettings<Settings extends object> {
  /** The settings switch on a real platform's inbound (a playground, the sandbox, is off by default then). */
  switchesOnInbound: boolean;
  /** The settings as the platform is built with them, once every platform's were read. */
  finish(context: SettingsContext): Settings;
}

export interface SettingsContext {
  /** Another platform's settings switch on its inbound. */
  anotherPlatformInbound: boolean;
}

export interface SettingsDeclaration<Schema extends z.ZodType, Settings extends object> {
  schema: Schema;
  /**
   * Cross-checks between the platform's variables, in order: the first `when` that holds stops the bot with
   * its `sentence` (the variables named, as 须同时设置 / 需要同时设置 say it).
   */
  conflicts?: readonly { when: (parsed: z.output<Schema>) => boolean; sentence: string }[];
  switchesOnInbound?: (parsed: z.output<Schema>) => boolean;
  /** Settings derived from what was read and from the other platforms (the sandbox's default). */
  finish?: (parsed: z.output<Schema>, context: SettingsContext) => Settings;
}

/** A platform's settings from its zod schema (an object of its variables) and its cross-checks. */
export function defineSettings<Schema extends z.ZodType<object>, Settings extends object = z.output<Schema>>(
  declaration: SettingsDeclaration<Schema, Settings>,
): PlatformSettings<Settings> {
  return {
    read(present) {
      const parsed = readSettings(declaration.schema, present);
      const conflict = declaration.conflicts?.find((check) => check.when(parsed));
      if (conflict) throw settingsConflict(conflict.sentence);
      return {
        switchesOnInbound: declaration.switchesOnInbound?.(parsed) ?? false,
        finish: (context) => (declaration.finish ? declaration.finish(parsed, context) : (parsed as unknown as Settings)),
      };
    },
  };
}
