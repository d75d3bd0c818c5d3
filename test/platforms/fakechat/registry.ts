import { PLATFORMS } from "../../../src/platforms/index.ts";
import { fakechat } from "./index.ts";

/** The test's registry: the real one and one line for FakeChat, as src/platforms/index.ts would have it. */
export const TEST_PLATFORMS = [...PLATFORMS, fakechat] as const;
