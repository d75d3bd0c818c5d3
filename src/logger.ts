import { pino, type Logger } from "pino";
import { maskPhoneNumbers } from "./text/mask.ts";

export type { Logger };

const MAX_DEPTH = 8;

/**
 * A logged value with every phone number in its strings masked, however deep: fields, a child's bindings
 * (chat, user, message and action ids), lists, class instances, and errors (pino's serialized form: message,
 * stack, own fields, causes). The one way anything reaches a log line.
 */
function masked(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskPhoneNumbers(value);
  if (value === null || typeof value !== "object") return value;
  // Deeper than any log line needs (or a cycle): left out rather than written unmasked.
  if (depth > MAX_DEPTH) return "[…]";
  if (value instanceof Error) return masked(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  // A Date (or anything else that says how it is written as JSON) is masked as it is written.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return masked(toJSON.call(value), depth + 1);
  const plain: Record<string, unknown> = {};
  for (const key in value) plain[key] = masked((value as Record<string, unknown>)[key], depth + 1);
  return plain;
}

/**
 * JSON logs. No full phone number is ever written (the phone reader's every form, in the message, in any
 * field, in an error's message and stack): logs are read by operators and shipped elsewhere, and staff who
 * need a reporter's number read it in the work group or the admin API.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: "yishi-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // An error logged as a field is serialized and masked as any other value.
      serializers: { err: masked },
      redact: { paths: ["*.token", "*.secret", "authorization", "*.authorization"], censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          // An error logged alone becomes { err } with its message as the line's message, both masked.
          const [first, ...rest] = args as unknown[];
          const spelled = first instanceof Error ? [{ err: first }, ...(rest.length ? rest : [first.message])] : args;
          method.apply(this, spelled.map((arg) => (typeof arg === "string" ? maskPhoneNumbers(arg) : arg)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          return masked(object) as Record<string, unknown>;
        },
      },
    },
    destination,
  );
  // A child's bindings skip the log formatter (pino resets it for children) and pass only through the
  // serializers of their own keys: a private chat's id, a user id (WeCom's often are the person's number) or
  // a message id (a sandbox's may be any words) is masked here. Children inherit this child() from the root.
  // Called with each child as `this`, so a grandchild's bindings join its parent's.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const child = logger.child;
  logger.child = function (this: unknown, bindings: pino.Bindings, options?: pino.ChildLoggerOptions<never>) {
    return Reflect.apply(child, this, [masked(bindings), options]) as ReturnType<typeof child>;
  } as typeof child;
  return logger;
}
