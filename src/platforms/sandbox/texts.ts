/** What the sandbox page shows when it refuses a message. */

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`);

export const SANDBOX_TEXTS = {
  tooLarge: (limit: number) => `消息太大：文字和照片合计不能超过 ${size(limit)}，请少发几张或换小一点的照片。`,
  busy: "沙盒正忙，同时收到的消息太多，请稍后再发。",
};
