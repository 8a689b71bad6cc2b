/**
 * Pages whose server side is still being written elsewhere: the notification settings and the
 * scheduled jobs screens switch on when their routers join packages/api/src/root.ts.
 */
export const features = { notifications: false, jobs: false };
