/** What a file in the project "once" is told when it opens a database (vitest.config.ts, WITHOUT_DATABASE). */
export const NO_DATABASE = "this file runs once, without a database (vitest.config.ts, WITHOUT_DATABASE): take it off that list to open one";
