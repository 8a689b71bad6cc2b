export const where = { dirname: import.meta.dirname };
