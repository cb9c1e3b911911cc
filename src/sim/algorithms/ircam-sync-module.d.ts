/** Minimal typings for the parts of @ircam/sync's client the simulator drives. */
declare module '@ircam/sync' {
  export interface SyncClientOptions {
    pingTimeoutDelay?: { min: number; max: number };
    pingSeriesIterations?: number;
    pingSeriesPeriod?: number;
    pingSeriesDelay?: { min: number; max: number };
    longTermDataTrainingDuration?: number;
    longTermDataDuration?: number;
    estimationMonotonicity?: boolean;
    estimationStability?: number;
  }
  export class SyncClient {
    constructor(getTimeFunction: () => number, options?: SyncClientOptions);
    start(
      send: (pingId: number, clientPingTime: number) => void,
      receive: (
        callback: (pingId: number, clientPingTime: number, serverPingTime: number, serverPongTime: number) => void,
      ) => void,
      report?: (report: Record<string, unknown>) => void,
    ): void;
    stop(): void;
    getSyncTime(localTime?: number): number;
    getLocalTime(syncTime?: number): number;
    status: string;
  }
}
