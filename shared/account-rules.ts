/** Account rules both sides show or enforce (kept apart from the zod schemas so pages stay small). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
