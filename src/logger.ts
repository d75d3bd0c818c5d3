import { pino, type Logger } from "pino";
import { maskPhoneNumbers } from "./text/mask.ts";

export type { Logger };

/** JSON logs; any string field that carries a phone number is masked before it is written. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "yishi-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ["*.token", "*.secret", "authorization", "*.authorization"], censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === "string" ? maskPhoneNumbers(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, typeof value === "string" ? maskPhoneNumbers(value) : value]));
        },
      },
    },
    destination,
  );
}
