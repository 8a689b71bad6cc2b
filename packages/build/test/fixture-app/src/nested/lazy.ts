export const lazyDirname = import.meta.dirname;
