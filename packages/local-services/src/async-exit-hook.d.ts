declare module "async-exit-hook" {
  /** a hook taking a callback is awaited before the process exits */
  function exitHook(hook: (done: () => void) => void): void;
  export default exitHook;
}
