/**
 * An Open311 client is a member of its own (not a chat platform's): the filer of its 代报 reports, named in
 * their history. (platform, platformUserId) of the key's member.
 */
export const OPEN311_MEMBERS = "open311";

export function clientMemberOf(key: { id: number }): [string, string] {
  return [OPEN311_MEMBERS, `key-${key.id}`];
}
