import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * This process's name among the instances on one database: what it writes as a lease's holder and a
 * claimed post's `claimedBy`. Host and pid for the operator reading the table, and a random tail so a
 * restarted process with the same pid (a container's pid 1) is not taken for the one before it.
 */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
