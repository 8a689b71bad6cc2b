// placeholder until the cockpit's answer is known
export const cockpitFloor = `SELECT 1 WHERE $1::uuid IS NOT NULL AND $2::date IS NOT NULL`;
