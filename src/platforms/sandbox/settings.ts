import { z } from "zod";
import { booleanFlag, byteSize } from "../../configFields.ts";
import { defineSettings } from "../settings.ts";

/** The sandbox's variables (SANDBOX_*). */
const schema = z.object({
  /** Unset: on while no real platform is configured, off once one is. */
  SANDBOX_ENABLED: booleanFlag.optional(),
  /** The sandbox answers anyone: its largest message (words and photos), and all its messages being received at once. */
  SANDBOX_BODY_LIMIT: byteSize.default(8 * 1024 * 1024),
  SANDBOX_IN_FLIGHT_LIMIT: byteSize.default(24 * 1024 * 1024),
});

export type SandboxSettings = Omit<z.output<typeof schema>, "SANDBOX_ENABLED"> & { SANDBOX_ENABLED: boolean };

export const sandboxSettings = defineSettings({
  schema,
  // Anyone who reaches the sandbox can speak as the demo's secretary: with a real platform it must be asked for.
  finish: (parsed, context): SandboxSettings => ({ ...parsed, SANDBOX_ENABLED: parsed.SANDBOX_ENABLED ?? !context.anotherPlatformInbound }),
});
