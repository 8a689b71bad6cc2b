export const SESSION_COOKIE = "duban_session";
