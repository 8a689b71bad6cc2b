/** Pages that can be switched off while their server side is unavailable; all are live now. */
export const features = { notifications: true, jobs: true };
