/** Keys shared by the benchmark's load generator and its server. */
export const BENCH_ROBOT = { token: "benchRobotToken", encodingAESKey: "b".repeat(12) + "CdEfGhIjKlMnOpQrStUvWxYz0123456" };
export const BENCH_CHAT = "wrkBenchChat";

/** Residents of the sandbox group who all report at once in the burst scenario. */
export const BURST_RESIDENTS = 200;
