/**
 * Whether a process (pid > 0) or a whole process group (pid < 0) still exists: signal 0 checks
 * without sending anything. A process of another user also counts as alive (EPERM).
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
