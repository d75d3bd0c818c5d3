/** What people read about photos and voice messages. */

export const photosAttached = (ticket: number, count: number) => (count > 1 ? `${count} 张照片已附到 ${ticket} 号工单。` : `照片已附到 ${ticket} 号工单。`);

export const photosKept = (count: number) => `已收到照片 ${count} 张，附在工单里。`;

export const afterPhotosKept = (count: number) => `办结照片 ${count} 张已存档。`;

export const NO_RECENT_REPORT = "收到照片，但没找到您十分钟内反映的问题，照片没有保存。请把照片和问题的文字说明一起发，例如配图写「3号楼楼道灯不亮」。";

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)}MB` : bytes >= 1024 ? `${Math.floor(bytes / 1024)}KB` : `${bytes} 字节`;

/** Why some pictures were not kept; the ticket itself is filed either way. */
export function photosNotReceived(problems: { failed: number; tooLarge: number; notImage: number }, maxBytes: number): string {
  const parts: string[] = [];
  if (problems.failed) parts.push(`${problems.failed} 张照片没能接收（网络或平台原因），请稍后重新发送`);
  if (problems.tooLarge) parts.push(`${problems.tooLarge} 张照片超过 ${sizeLabel(maxBytes)}，没有保存`);
  if (problems.notImage) parts.push(`${problems.notImage} 个文件不是 JPG、PNG、GIF 或 WebP 图片，没有保存`);
  return `${parts.join("；")}。`;
}

/** The history note for photos added after the report. */
export const photoEventNote = (count: number, kind: "photo" | "after") => (kind === "after" ? `办结照片 ${count} 张` : `补充照片 ${count} 张`);

/** A chat post's line with links to a ticket's photos. */
export const photoLinks = (urls: readonly string[]) => `照片：${urls.join(" ")}`;

/** A voice message: what the platform heard, before the answer, so that a wrong word is caught. */
export const heard = (text: string) => `听到的是：「${text}」`;

export const VOICE_NOT_UNDERSTOOD = "这条语音没有识别出文字。请再说一遍（靠近话筒、慢一点），或直接打字告诉我。";
