import { COLOUR_LABELS, LEVEL_LABELS, OUTCOME_LABELS, RATING_LABELS, STATUS_LABELS, type TicketStatus } from "../../domain/types.ts";
import type { Database } from "../../store/database.ts";
import { meetingsOfTicket } from "../../store/consoleTickets.ts";
import { findGroup } from "../../store/org.ts";
import { findTicket, followersWithNames } from "../../store/tickets.ts";
import { signedAttachmentUrl } from "../attachments/links.ts";
import type { MediaDeps } from "../attachments/receive.ts";
import { ticketWithHistory } from "../tickets/queries.ts";
import { isOverdue } from "./board.ts";
import type { ConsoleViewer } from "./viewer.ts";

/** How long the console's photo links work. */
const PHOTO_LINK_MS = 3_600_000;

/** Whether the viewer may open a ticket: one of their units', through their own platform where it is a playground. */
export async function viewerSeesTicket(db: Database, viewer: ConsoleViewer, number: number): Promise<boolean> {
  const ticket = await findTicket(db, number);
  if (!ticket || !viewer.visibleUnitIds.has(ticket.unitId)) return false;
  if (!viewer.ownPlatformOnly) return true;
  return (await findGroup(db, ticket.groupId))?.platform === viewer.ownPlatformOnly;
}

/** A ticket's page: the file (一事一档) as a timeline, photos through signed links, followers, rating and meetings. */
export async function ticketPage(db: Database, viewer: ConsoleViewer, number: number, media: MediaDeps, now: Date, categoryName: (id: string) => string) {
  if (!(await viewerSeesTicket(db, viewer, number))) return null;
  const [file, followers, meetings] = await Promise.all([ticketWithHistory(db, number), followersWithNames(db, number), meetingsOfTicket(db, number)]);
  if (!file) return null;
  const group = await findGroup(db, file.groupId);
  const photoUrl = (id: number) => signedAttachmentUrl("", media.links.secret, id, new Date(now.getTime() + PHOTO_LINK_MS));
  return {
    ...file,
    estate: viewer.units.get(file.unitId)?.name ?? file.unitId,
    handlingUnit: viewer.units.get(file.handlingUnitId)?.name ?? file.handlingUnitId,
    groupName: group?.name ?? file.groupId,
    categoryName: categoryName(file.category),
    colourName: COLOUR_LABELS[file.colour],
    statusName: STATUS_LABELS[file.status],
    levelName: LEVEL_LABELS[file.level],
    outcomeName: file.outcome ? OUTCOME_LABELS[file.outcome] : null,
    ratingName: file.rating ? RATING_LABELS[file.rating] : null,
    overdue: isOverdue({ status: file.status, acceptDueAt: new Date(file.acceptDueAt), resolveDueAt: new Date(file.resolveDueAt) }, now),
    attachments: file.attachments.map((attachment) => ({ ...attachment, url: photoUrl(attachment.id) })),
    history: file.history.map((event) => ({
      ...event,
      toStatusName: event.toStatus ? (STATUS_LABELS[event.toStatus as TicketStatus] ?? event.toStatus) : null,
    })),
    followers: followers.map((follower) => ({ name: follower.name, text: follower.text })),
    meetings: meetings.map((meeting) => ({ ...meeting, startsAt: meeting.startsAt.toISOString() })),
  };
}
